import { envelopeSchemaForTypes, type MessageEnvelope } from '@prodvor/contracts';

/** Every type chat publishes on `chat.messages.v1` (chat is its only producer), typed by the contract. */
export const CHAT_TOPIC_TYPES = ['chat.message.sent', 'chat.message.edited', 'chat.message.deleted'] as const;
export const chatTopicEventSchema = envelopeSchemaForTypes(CHAT_TOPIC_TYPES);
export type ChatTopicEvent = MessageEnvelope<(typeof CHAT_TOPIC_TYPES)[number]>;
