import { type z } from 'zod';
import { eventEnvelopeSchema } from './envelope';
import * as accountEmail from './events/account-email.jobs';
import * as chat from './events/chat.events';
import * as match from './events/match.events';
import * as media from './events/media.jobs';
import * as notification from './events/notification.jobs';
import * as team from './events/team.events';
import * as tournament from './events/tournament.events';
import * as user from './events/user.events';
import { Exchanges, RoutingKeys, Topics } from './names';

export type Channel = { kind: 'kafka'; topic: string } | { kind: 'amqp'; exchange: string; routingKey: string };

export interface MessageDefinition {
  type: string;
  version: number;
  channel: Channel;
  summary: string;
  producers: string[];
  consumers: string[];
  data: z.ZodTypeAny;
}

const kafka = (topic: string): Channel => ({ kind: 'kafka', topic });
const amqp = (exchange: string, routingKey: string): Channel => ({ kind: 'amqp', exchange, routingKey });

function define(
  type: string,
  channel: Channel,
  data: z.ZodTypeAny,
  summary: string,
  producers: string[],
  consumers: string[],
): MessageDefinition {
  return { type, version: 1, channel, data, summary, producers, consumers };
}

const U = kafka(Topics.userEvents);
const T = kafka(Topics.teamEvents);
const TR = kafka(Topics.tournamentEvents);

/** Every event and job the services exchange: the single source for schemas and the AsyncAPI document. */
export const messageDefinitions: MessageDefinition[] = [
  define('user.registered', U, user.userRegisteredData, 'An account and its profile were created', ['user'], []),
  define('user.profile.updated', U, user.userProfileUpdatedData, 'Public profile fields changed', ['user'], ['chat']),
  define(
    'user.deleted',
    U,
    user.userDeletedData,
    'An account was deleted; holders anonymise or remove',
    ['user'],
    ['team', 'tournament', 'chat', 'storage'],
  ),
  define(
    'user.email_verified',
    U,
    user.userEmailVerifiedData,
    'The account proved it receives mail at its address (a verification link was opened)',
    ['user'],
    [],
  ),
  define(
    'team.created',
    T,
    team.teamCreatedData,
    'A team was created; its creator is captain',
    ['team'],
    ['chat', 'tournament'],
  ),
  define('team.updated', T, team.teamUpdatedData, 'Team fields changed', ['team'], ['tournament']),
  define('team.archived', T, team.teamArchivedData, 'A team was archived', ['team'], ['chat', 'tournament']),
  define(
    'team.member.joined',
    T,
    team.teamMemberJoinedData,
    'A user joined a roster',
    ['team'],
    ['chat', 'tournament'],
  ),
  define('team.member.left', T, team.teamMemberLeftData, 'A user left a roster', ['team'], ['chat', 'tournament']),
  define(
    'team.member.removed',
    T,
    team.teamMemberRemovedData,
    'A user was removed from a roster',
    ['team'],
    ['chat', 'tournament'],
  ),
  define(
    'team.member.role_changed',
    T,
    team.teamMemberRoleChangedData,
    'A member role changed',
    ['team'],
    ['chat', 'tournament'],
  ),
  define(
    'team.captain.transferred',
    T,
    team.teamCaptainTransferredData,
    'Captaincy moved to another member',
    ['team'],
    ['chat', 'tournament'],
  ),
  define(
    'tournament.created',
    TR,
    tournament.tournamentCreatedData,
    'A tournament was created',
    ['tournament'],
    ['chat'],
  ),
  define(
    'tournament.updated',
    TR,
    tournament.tournamentUpdatedData,
    'The organizer changed the tournament (name, visibility …); carries the resulting name and visibility',
    ['tournament'],
    ['chat'],
  ),
  define(
    'tournament.cancelled',
    TR,
    tournament.tournamentCancelledData,
    'The organizer cancelled the tournament; its matches not played are cancelled with it',
    ['tournament'],
    ['chat'],
  ),
  define(
    'tournament.team.registered',
    TR,
    tournament.tournamentTeamRegisteredData,
    'A captain registered a team',
    ['tournament'],
    [],
  ),
  define(
    'tournament.team.approved',
    TR,
    tournament.tournamentTeamApprovedData,
    'The organizer approved a team',
    ['tournament'],
    ['chat'],
  ),
  define(
    'tournament.team.rejected',
    TR,
    tournament.tournamentTeamRejectedData,
    'The organizer rejected a team',
    ['tournament'],
    [],
  ),
  define(
    'tournament.team.withdrawn',
    TR,
    tournament.tournamentTeamWithdrawnData,
    'A team withdrew',
    ['tournament'],
    ['chat'],
  ),
  define(
    'tournament.fixtures.published',
    TR,
    tournament.tournamentFixturesPublishedData,
    'Fixtures were generated and published',
    ['tournament'],
    ['chat'],
  ),
  define(
    'tournament.match.scheduled',
    TR,
    tournament.tournamentMatchScheduledData,
    'A match got its teams, time and pitch',
    ['tournament'],
    ['chat'],
  ),
  define(
    'tournament.match.rescheduled',
    TR,
    tournament.tournamentMatchRescheduledData,
    'A match moved',
    ['tournament'],
    ['chat'],
  ),
  define(
    'tournament.match.result_confirmed',
    TR,
    tournament.tournamentMatchResultConfirmedData,
    'A result became final',
    ['tournament'],
    ['ai'],
  ),
  define(
    'tournament.standings.changed',
    TR,
    tournament.tournamentStandingsChangedData,
    'A table changed',
    ['tournament'],
    [],
  ),
  define(
    'match.event.recorded',
    kafka(Topics.matchEvents),
    match.matchEventData,
    'A live match event, ordered per match',
    ['tournament'],
    ['chat', 'ai'],
  ),
  define(
    'chat.message.sent',
    kafka(Topics.chatMessages),
    chat.chatMessageSentData,
    'A chat message, ordered per room',
    ['chat'],
    ['chat'],
  ),
  define(
    'chat.message.edited',
    kafka(Topics.chatMessages),
    chat.chatMessageEditedData,
    'A chat message was edited',
    ['chat'],
    ['chat'],
  ),
  define(
    'chat.message.deleted',
    kafka(Topics.chatMessages),
    chat.chatMessageDeletedData,
    'A chat message was deleted',
    ['chat'],
    ['chat'],
  ),
  define(
    'media.process',
    amqp(Exchanges.media, RoutingKeys.mediaProcess),
    media.mediaProcessData,
    'Job: make variants of an upload',
    ['storage'],
    ['storage'],
  ),
  define(
    'media.processed',
    amqp(Exchanges.media, RoutingKeys.mediaProcessed),
    media.mediaProcessedData,
    'Variants are ready',
    ['storage'],
    ['user', 'chat'],
  ),
  define(
    'media.failed',
    amqp(Exchanges.media, RoutingKeys.mediaFailed),
    media.mediaFailedData,
    'Processing failed for good',
    ['storage'],
    ['user'],
  ),
  define(
    'media.import',
    amqp(Exchanges.media, RoutingKeys.mediaImport),
    media.mediaImportData,
    'Job: import media from URLs',
    ['storage'],
    ['storage'],
  ),
  define(
    'media.import.completed',
    amqp(Exchanges.media, RoutingKeys.mediaImportCompleted),
    media.mediaImportCompletedData,
    'Per-file results of an import batch',
    ['storage'],
    [],
  ),
  define(
    'notification.deliver',
    amqp(Exchanges.notifications, RoutingKeys.notificationDeliver),
    notification.notificationDeliverData,
    'Job: deliver a notification to a user',
    ['team', 'tournament', 'chat'],
    ['user'],
  ),
  define(
    'account.email.send',
    amqp(Exchanges.notifications, RoutingKeys.accountEmailSend),
    accountEmail.accountEmailSendData,
    'Job: send the verification link (or the notice to the address owner) a sign-up or resend queued',
    ['user'],
    ['user'],
  ),
];

const byType = new Map(messageDefinitions.map((d) => [d.type, d]));

export function messageDefinition(type: string): MessageDefinition {
  const definition = byType.get(type);
  if (!definition) throw new Error(`unknown message type ${type}`);
  return definition;
}

/** The full envelope schema of one message type, for consumers parsing untrusted bytes. */
export function envelopeSchemaFor(type: string) {
  const definition = messageDefinition(type);
  return eventEnvelopeSchema(definition.type, definition.data, definition.version);
}

/** An envelope schema accepting any of the given types (e.g. everything on one topic). */
export function envelopeSchemaForTypes(types: string[]) {
  const schemas = types.map((t) => envelopeSchemaFor(t));
  if (schemas.length === 1) return schemas[0];
  return schemas.slice(1).reduce<z.ZodTypeAny>((acc, s) => acc.or(s), schemas[0]);
}

export function typesOnTopic(topic: string): string[] {
  return messageDefinitions.filter((d) => d.channel.kind === 'kafka' && d.channel.topic === topic).map((d) => d.type);
}
