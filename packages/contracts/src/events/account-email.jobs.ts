import { z } from 'zod';
import { id } from './common';

/**
 * Job: send the account e-mail a sign-up or a resend queued (user-service to itself). The job names the
 * stored request only; what to send (a verification link, or a notice to the address's owner) and the
 * token are decided when it is sent, so no secret travels through the broker or the job outbox.
 */
export const accountEmailSendData = z.object({ verificationId: id, userId: id }).strict();

export type AccountEmailSend = z.infer<typeof accountEmailSendData>;
