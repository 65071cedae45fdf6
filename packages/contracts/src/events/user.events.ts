import { z } from 'zod';
import { id, shortText } from './common';

export const userRegisteredData = z
  .object({ userId: id, username: shortText(64), email: z.string().email().max(254).optional() })
  .strict();
export const userProfileUpdatedData = z
  .object({
    userId: id,
    displayName: shortText(80),
    city: z.string().max(80).optional(),
    avatarMediaId: id.optional(),
  })
  .strict();
export const userDeletedData = z.object({ userId: id }).strict();
/** The account proved it receives mail at `email` (a link sent there was opened); the address is now its own. */
export const userEmailVerifiedData = z.object({ userId: id, email: z.string().email().max(254) }).strict();

export type UserRegistered = z.infer<typeof userRegisteredData>;
export type UserProfileUpdated = z.infer<typeof userProfileUpdatedData>;
export type UserDeleted = z.infer<typeof userDeletedData>;
export type UserEmailVerified = z.infer<typeof userEmailVerifiedData>;
