import { type z } from 'zod';
import { eventEnvelopeSchema, type EventEnvelope } from './envelope';
import { messageSchemas, topicKeyFields, type MessageData, type MessageEnvelope, type MessageType } from './event-map';
import { Exchanges, RoutingKeys, Topics, type Topic } from './names';

export type Channel = { kind: 'kafka'; topic: string } | { kind: 'amqp'; exchange: string; routingKey: string };

export interface MessageDefinition {
  type: MessageType;
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
  type: MessageType,
  channel: Channel,
  summary: string,
  producers: string[],
  consumers: string[],
): MessageDefinition {
  return { type, version: 1, channel, data: messageSchemas[type], summary, producers, consumers };
}

const U = kafka(Topics.userEvents);
const T = kafka(Topics.teamEvents);
const TR = kafka(Topics.tournamentEvents);

/** Every event and job the services exchange: the single source for schemas and the AsyncAPI document. */
export const messageDefinitions: MessageDefinition[] = [
  define('user.registered', U, 'An account and its profile were created', ['user'], ['team', 'tournament']),
  define('user.profile.updated', U, 'Public profile fields changed', ['user'], ['team', 'tournament']),
  define(
    'user.deleted',
    U,
    'An account was deleted; holders anonymise or remove',
    ['user'],
    ['team', 'tournament', 'storage'],
  ),
  define(
    'user.email_verified',
    U,
    'The account proved it receives mail at its address (a verification link was opened)',
    ['user'],
    [],
  ),
  define('team.created', T, 'A team was created; its creator is captain', ['team'], ['chat', 'tournament', 'user']),
  define('team.updated', T, 'Team fields changed', ['team'], ['tournament', 'user']),
  define('team.archived', T, 'A team was archived', ['team'], ['chat', 'tournament', 'user']),
  define('team.member.joined', T, 'A user joined a roster', ['team'], ['chat', 'tournament', 'user']),
  define('team.member.left', T, 'A user left a roster', ['team'], ['chat', 'team', 'tournament', 'user']),
  define(
    'team.member.removed',
    T,
    'A user was removed from a roster',
    ['team'],
    ['chat', 'team', 'tournament', 'user'],
  ),
  define('team.member.role_changed', T, 'A member role changed', ['team'], ['chat', 'tournament', 'user']),
  define('team.captain.transferred', T, 'Captaincy moved to another member', ['team'], ['chat', 'tournament', 'user']),
  define('team.event.created', T, 'A manager scheduled a team event (training, pickup, friendly)', ['team'], ['user']),
  define('team.event.updated', T, 'A team event, or one occurrence of it, changed', ['team'], ['user']),
  define('team.event.cancelled', T, 'A team event, or one occurrence of it, was cancelled', ['team'], ['user']),
  define('team.event.rsvp_changed', T, 'A member answered (or was promoted off the waitlist)', ['team'], ['user']),
  define('team.invitation.created', T, 'A manager invited a user to the roster', ['team'], ['user']),
  define('team.invitation.resolved', T, 'An invitation was accepted, declined or revoked', ['team'], ['user']),
  define('team.join_request.created', T, "A user asked to join; the team's managers decide", ['team'], ['user']),
  define('team.join_request.decided', T, 'A join request was approved, rejected or withdrawn', ['team'], ['user']),
  define('tournament.created', TR, 'A tournament was created', ['tournament'], ['chat', 'user']),
  define(
    'tournament.updated',
    TR,
    'The organizer changed the tournament (name, visibility …); carries the resulting name and visibility',
    ['tournament'],
    ['chat', 'user'],
  ),
  define(
    'tournament.cancelled',
    TR,
    'The organizer cancelled the tournament; its matches not played are cancelled with it',
    ['tournament'],
    ['chat', 'user'],
  ),
  define('tournament.team.registered', TR, 'A captain registered a team', ['tournament'], ['tournament']),
  define('tournament.team.approved', TR, 'The organizer approved a team', ['tournament'], ['chat', 'tournament']),
  define('tournament.team.rejected', TR, 'The organizer rejected a team', ['tournament'], ['tournament']),
  define('tournament.team.withdrawn', TR, 'A team withdrew', ['tournament'], ['chat', 'tournament', 'user']),
  define('tournament.fixtures.published', TR, 'Fixtures were generated and published', ['tournament'], ['chat']),
  define('tournament.match.scheduled', TR, 'A match got its teams, time and pitch', ['tournament'], ['chat', 'user']),
  define('tournament.match.rescheduled', TR, 'A match moved', ['tournament'], ['chat', 'user']),
  define('tournament.match.result_confirmed', TR, 'A result became final', ['tournament'], ['tournament', 'user']),
  define(
    'tournament.match.result_reported',
    TR,
    "A captain reported a result; the opponent's captain confirms",
    ['tournament'],
    ['user'],
  ),
  define(
    'tournament.match.result_disputed',
    TR,
    "The opponent's captain disputed a reported result",
    ['tournament'],
    ['user'],
  ),
  define('tournament.match.result_reopened', TR, 'The organizer reopened a final result', ['tournament'], ['user']),
  define('tournament.standings.changed', TR, 'A table changed', ['tournament'], []),
  define(
    'match.event.recorded',
    kafka(Topics.matchEvents),
    'A live match event, ordered per match',
    ['tournament'],
    ['chat', 'ai', 'tournament'],
  ),
  define('chat.message.sent', kafka(Topics.chatMessages), 'A chat message, ordered per room', ['chat'], ['chat']),
  define('chat.message.edited', kafka(Topics.chatMessages), 'A chat message was edited', ['chat'], ['chat']),
  define('chat.message.deleted', kafka(Topics.chatMessages), 'A chat message was deleted', ['chat'], ['chat']),
  define(
    'media.process',
    amqp(Exchanges.media, RoutingKeys.mediaProcess),
    'Job: make variants of an upload',
    ['storage'],
    ['storage'],
  ),
  define(
    'media.processed',
    amqp(Exchanges.media, RoutingKeys.mediaProcessed),
    'Variants are ready',
    ['storage'],
    ['user', 'chat'],
  ),
  define(
    'media.failed',
    amqp(Exchanges.media, RoutingKeys.mediaFailed),
    'Processing failed for good',
    ['storage'],
    ['user'],
  ),
  define(
    'media.import',
    amqp(Exchanges.media, RoutingKeys.mediaImport),
    'Job: import media from URLs',
    ['storage'],
    ['storage'],
  ),
  define(
    'media.import.completed',
    amqp(Exchanges.media, RoutingKeys.mediaImportCompleted),
    'Per-file results of an import batch',
    ['storage'],
    [],
  ),
  define(
    'notification.deliver',
    amqp(Exchanges.notifications, RoutingKeys.notificationDeliver),
    'Job: deliver a notification to a user',
    ['team', 'tournament', 'chat'],
    ['user'],
  ),
  define(
    'team.event.reminder_due',
    amqp(Exchanges.teamReminders, RoutingKeys.teamEventReminder),
    'Job: remind the going and maybe members of an occurrence (team-service to itself, through delay queues)',
    ['team'],
    ['team'],
  ),
  define(
    'notification.in_app',
    kafka(Topics.notificationsInApp),
    "A notification landed in a user's inbox: shown live on the user's open sockets",
    ['user'],
    ['chat'],
  ),
  define(
    'account.email.send',
    amqp(Exchanges.notifications, RoutingKeys.accountEmailSend),
    'Job: send the verification link (or the notice to the address owner) a sign-up or resend queued',
    ['user'],
    ['user'],
  ),
  define(
    'webhook.deliver',
    amqp(Exchanges.webhooks, RoutingKeys.webhookDeliver),
    'Job: POST one stored webhook delivery (signed per Standard Webhooks) to its subscriber. Queue ' +
      '`tournament.webhook-deliveries`: failures wait in `…backoff.<ms>ms` TTL queues (doubling per attempt), ' +
      'deliveries over the rate limit in `…throttle.<ms>ms`, both dead-lettering back; after the last attempt `…dlq`',
    ['tournament'],
    ['tournament'],
  ),
];

const byType = new Map<string, MessageDefinition>(messageDefinitions.map((d) => [d.type, d]));

export function isMessageType(type: string): type is MessageType {
  return byType.has(type);
}

export function messageDefinition(type: string): MessageDefinition {
  const definition = byType.get(type);
  if (!definition) throw new Error(`unknown message type ${type}`);
  return definition;
}

/** The full envelope schema of one message type, for consumers parsing untrusted bytes. */
export function envelopeSchemaFor<T extends MessageType>(type: T): z.ZodType<MessageEnvelope<T>>;
/** The same for a type read off a message (an unknown type throws). */
export function envelopeSchemaFor(type: string): z.ZodType<EventEnvelope>;
export function envelopeSchemaFor<T extends MessageType>(type: T): z.ZodType<MessageEnvelope<T>> {
  const definition = messageDefinition(type);
  // The schema is `messageSchemas[type]` in an envelope of literal `type`: exactly MessageEnvelope<T>.
  const schema: z.ZodTypeAny = eventEnvelopeSchema(type, definition.data, definition.version);
  return schema as z.ZodType<MessageEnvelope<T>>;
}

/** An envelope schema accepting any of the given types (e.g. everything on one topic). */
export function envelopeSchemaForTypes<T extends MessageType>(types: readonly T[]): z.ZodType<MessageEnvelope<T>> {
  const schemas: z.ZodType<MessageEnvelope<T>>[] = types.map((t) => envelopeSchemaFor(t));
  return schemas.slice(1).reduce<z.ZodType<MessageEnvelope<T>>>((acc, s) => acc.or(s), schemas[0]);
}

export function typesOnTopic(topic: string): MessageType[] {
  return messageDefinitions.filter((d) => d.channel.kind === 'kafka' && d.channel.topic === topic).map((d) => d.type);
}

/** The Kafka topic a type travels on, its partition key (= envelope subject) and its one producing service. */
export function kafkaRouteOf<T extends MessageType>(type: T, data: MessageData<T>): KafkaRoute {
  const definition = messageDefinition(type);
  if (definition.channel.kind !== 'kafka') throw new Error(`${type} is not a Kafka event`);
  const topic = definition.channel.topic as Topic;
  const key: unknown = (data as Record<string, unknown>)[topicKeyFields[topic]];
  if (typeof key !== 'string') throw new Error(`${type} has no ${topicKeyFields[topic]} to key ${topic} by`);
  if (definition.producers.length !== 1) throw new Error(`${type} must have exactly one producer`);
  return { topic, key, producer: definition.producers[0] };
}

export interface KafkaRoute {
  topic: Topic;
  key: string;
  producer: string;
}
