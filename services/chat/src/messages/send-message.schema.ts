import { z } from 'zod';

/** The `message:send` payload, with the configured limits. */
export function sendMessageSchema(limits: { maxLength: number; maxAttachments: number }) {
  const uuid = z.string().uuid();
  return z
    .object({
      roomId: uuid,
      clientMessageId: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z0-9._:-]+$/),
      text: z.string().max(limits.maxLength).default(''),
      attachments: z.array(uuid).max(limits.maxAttachments).default([]),
      replyToId: uuid.optional(),
      mentions: z.array(uuid).max(50).default([]),
    })
    .strict();
}

export type SendMessageInput = z.infer<ReturnType<typeof sendMessageSchema>>;
