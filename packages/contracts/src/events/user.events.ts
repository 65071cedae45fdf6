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

export type UserRegistered = z.infer<typeof userRegisteredData>;
export type UserProfileUpdated = z.infer<typeof userProfileUpdatedData>;
export type UserDeleted = z.infer<typeof userDeletedData>;
