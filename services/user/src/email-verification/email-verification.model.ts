// What user-service's code knows of a request to e-mail an account (a verification link or a sign-up
// notice). EmailVerificationRepository maps rows onto it, so no Prisma type leaves the repository.

export type VerificationPurpose = 'verify' | 'notice' | 'suppressed';

export interface EmailVerification {
  id: string;
  userId: string;
  email: string;
  purpose: string;
  /** The account holding the address when a notice was queued (the notice's language comes from it). */
  holderId: string | null;
  tokenHash: string | null;
  createdAt: Date;
  expiresAt: Date;
  sentAt: Date | null;
  usedAt: Date | null;
}
