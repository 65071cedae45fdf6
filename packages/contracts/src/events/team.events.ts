import { z } from 'zod';
import { id, shortText, teamFormat, teamRole } from './common';

export const teamCreatedData = z
  .object({
    teamId: id,
    name: shortText(80),
    shortName: z.string().max(12).optional(),
    city: z.string().max(80).optional(),
    format: teamFormat,
    captainId: id,
  })
  .strict();
export const teamUpdatedData = z
  .object({
    teamId: id,
    changes: z
      .object({
        name: shortText(80).optional(),
        shortName: z.string().max(12).optional(),
        city: z.string().max(80).optional(),
        format: teamFormat.optional(),
        recruiting: z.boolean().optional(),
        logoMediaId: id.nullable().optional(),
      })
      .strict(),
  })
  .strict();
export const teamArchivedData = z.object({ teamId: id }).strict();
export const teamMemberJoinedData = z.object({ teamId: id, userId: id, role: teamRole }).strict();
export const teamMemberLeftData = z.object({ teamId: id, userId: id }).strict();
export const teamMemberRemovedData = z.object({ teamId: id, userId: id, removedBy: id }).strict();
export const teamMemberRoleChangedData = z.object({ teamId: id, userId: id, role: teamRole }).strict();
export const teamCaptainTransferredData = z.object({ teamId: id, fromUserId: id, toUserId: id }).strict();

export type TeamCreated = z.infer<typeof teamCreatedData>;
export type TeamMemberJoined = z.infer<typeof teamMemberJoinedData>;
export type TeamCaptainTransferred = z.infer<typeof teamCaptainTransferredData>;
