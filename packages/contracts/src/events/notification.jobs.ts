import { z } from 'zod';
import { isoUtcTimestamp } from '../envelope';
import { id, shortText } from './common';

export const notificationKind = z.enum([
  'team_invite',
  'join_request',
  'join_request_decided',
  'match_reminder',
  'result_request',
  'result_disputed',
  'chat_mention',
  'direct_message',
  'tournament_update',
  'system',
  // team-service team events (training, pickup, friendly)
  'team_event.promoted',
  'team_event.cancelled',
  'team_event.reminder',
]);

export const notificationDeliverData = z
  .object({
    /** Chosen by the producer; delivering the same id twice must not notify twice. */
    notificationId: id,
    userId: id,
    kind: notificationKind,
    title: shortText(200),
    body: z.string().max(2000),
    data: z.record(z.string().max(100), z.string().max(1000)),
    createdAt: isoUtcTimestamp,
  })
  .strict();

/**
 * A notification stored in a user's inbox, to show live in the app if they are online (chat-service emits it
 * as `notification` to the user's sockets). Its texts are the recipient's (language, time zone).
 */
export const notificationInAppData = z
  .object({
    notificationId: id,
    userId: id,
    kind: notificationKind,
    title: shortText(200),
    body: z.string().max(2000),
    data: z.record(z.string().max(100), z.string().max(1000)),
    createdAt: isoUtcTimestamp,
  })
  .strict();

export type NotificationInApp = z.infer<typeof notificationInAppData>;
export type NotificationKind = z.infer<typeof notificationKind>;
export type NotificationDeliver = z.infer<typeof notificationDeliverData>;
