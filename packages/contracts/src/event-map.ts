import type { z } from 'zod';
import type { EventEnvelope } from './envelope';
import * as accountEmail from './events/account-email.jobs';
import * as chat from './events/chat.events';
import * as match from './events/match.events';
import * as media from './events/media.jobs';
import * as notification from './events/notification.jobs';
import * as team from './events/team.events';
import * as teamReminder from './events/team-reminder.jobs';
import * as tournament from './events/tournament.events';
import * as webhook from './events/webhook.jobs';
import * as user from './events/user.events';
import { Topics, type Topic } from './names';

/** Every message type the services exchange → the zod schema of its `data` (the registry adds channels). */
export const messageSchemas = {
  'user.registered': user.userRegisteredData,
  'user.profile.updated': user.userProfileUpdatedData,
  'user.deleted': user.userDeletedData,
  'user.email_verified': user.userEmailVerifiedData,
  'team.created': team.teamCreatedData,
  'team.updated': team.teamUpdatedData,
  'team.archived': team.teamArchivedData,
  'team.member.joined': team.teamMemberJoinedData,
  'team.member.left': team.teamMemberLeftData,
  'team.member.removed': team.teamMemberRemovedData,
  'team.member.role_changed': team.teamMemberRoleChangedData,
  'team.captain.transferred': team.teamCaptainTransferredData,
  'team.event.created': team.teamEventCreatedData,
  'team.event.updated': team.teamEventUpdatedData,
  'team.event.cancelled': team.teamEventCancelledData,
  'team.event.rsvp_changed': team.teamEventRsvpChangedData,
  'team.invitation.created': team.teamInvitationCreatedData,
  'team.invitation.resolved': team.teamInvitationResolvedData,
  'team.join_request.created': team.teamJoinRequestCreatedData,
  'team.join_request.decided': team.teamJoinRequestDecidedData,
  'tournament.created': tournament.tournamentCreatedData,
  'tournament.updated': tournament.tournamentUpdatedData,
  'tournament.cancelled': tournament.tournamentCancelledData,
  'tournament.team.registered': tournament.tournamentTeamRegisteredData,
  'tournament.team.approved': tournament.tournamentTeamApprovedData,
  'tournament.team.rejected': tournament.tournamentTeamRejectedData,
  'tournament.team.withdrawn': tournament.tournamentTeamWithdrawnData,
  'tournament.fixtures.published': tournament.tournamentFixturesPublishedData,
  'tournament.match.scheduled': tournament.tournamentMatchScheduledData,
  'tournament.match.rescheduled': tournament.tournamentMatchRescheduledData,
  'tournament.match.result_confirmed': tournament.tournamentMatchResultConfirmedData,
  'tournament.match.result_reported': tournament.tournamentMatchResultReportedData,
  'tournament.match.result_disputed': tournament.tournamentMatchResultDisputedData,
  'tournament.match.result_reopened': tournament.tournamentMatchResultReopenedData,
  'tournament.standings.changed': tournament.tournamentStandingsChangedData,
  'match.event.recorded': match.matchEventData,
  'chat.message.sent': chat.chatMessageSentData,
  'chat.message.edited': chat.chatMessageEditedData,
  'chat.message.deleted': chat.chatMessageDeletedData,
  'media.process': media.mediaProcessData,
  'media.processed': media.mediaProcessedData,
  'media.failed': media.mediaFailedData,
  'media.import': media.mediaImportData,
  'media.import.completed': media.mediaImportCompletedData,
  'notification.deliver': notification.notificationDeliverData,
  'notification.in_app': notification.notificationInAppData,
  'account.email.send': accountEmail.accountEmailSendData,
  'webhook.deliver': webhook.webhookDeliverData,
  'team.event.reminder_due': teamReminder.teamEventReminderDueData,
} as const;

export type MessageType = keyof typeof messageSchemas;
/** The payload of a message type, as its schema parses it. */
export type MessageData<T extends MessageType> = z.infer<(typeof messageSchemas)[T]>;
/** The envelope of a message type; of a union of types, the union of their envelopes (narrowed by `type`). */
export type MessageEnvelope<T extends MessageType> = T extends MessageType ? EventEnvelope<T, MessageData<T>> : never;

/**
 * The `team.events.v1` types that change a team itself or its roster: what a copy of teams and their members
 * elsewhere is kept from. A type added here reaches every such consumer's exhaustive switch.
 */
export const teamRosterEventTypes = [
  'team.created',
  'team.updated',
  'team.archived',
  'team.member.joined',
  'team.member.left',
  'team.member.removed',
  'team.member.role_changed',
  'team.captain.transferred',
] as const satisfies readonly MessageType[];

/**
 * The field of `data` each Kafka topic is keyed (partitioned) by, which is also the envelope's subject:
 * a topic's events about one aggregate stay in order.
 */
export const topicKeyFields = {
  [Topics.userEvents]: 'userId',
  [Topics.teamEvents]: 'teamId',
  [Topics.tournamentEvents]: 'tournamentId',
  [Topics.matchEvents]: 'matchId',
  [Topics.chatMessages]: 'roomId',
  [Topics.notificationsInApp]: 'userId',
} as const satisfies Record<Topic, string>;
