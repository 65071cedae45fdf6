import { z } from 'zod';
import { isoUtcTimestamp, uuidV7 } from '../envelope';
import { id } from './common';

export const CHAT_TEXT_MAX_LENGTH = 4000;
export const CHAT_MAX_ATTACHMENTS = 10;

export const chatRoomKind = z.enum(['team', 'tournament', 'match', 'direct', 'group']);

export const chatMessageSentData = z
  .object({
    messageId: uuidV7,
    roomId: id,
    roomKind: chatRoomKind,
    senderId: id,
    clientMessageId: z.string().min(1).max(64),
    text: z.string().max(CHAT_TEXT_MAX_LENGTH),
    attachments: z.array(id).max(CHAT_MAX_ATTACHMENTS),
    replyToId: id.optional(),
    mentions: z.array(id).max(50),
    sentAt: isoUtcTimestamp,
  })
  .strict()
  .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, { message: 'empty message' });
export const chatMessageEditedData = z
  .object({
    messageId: uuidV7,
    roomId: id,
    editorId: id,
    text: z.string().min(1).max(CHAT_TEXT_MAX_LENGTH),
    editedAt: isoUtcTimestamp,
  })
  .strict();
export const chatMessageDeletedData = z
  .object({ messageId: uuidV7, roomId: id, deletedBy: id, deletedAt: isoUtcTimestamp })
  .strict();

export type ChatMessageSent = z.infer<typeof chatMessageSentData>;
export type ChatRoomKind = z.infer<typeof chatRoomKind>;
