import { Topics, typesOnTopic } from '@prodvor/contracts';
import { CHAT_TOPIC_TYPES } from './chat-topic-events';

describe('chat topic events', () => {
  it('names every type the contract puts on chat.messages.v1 (a type left out would be dead-lettered)', () => {
    expect([...CHAT_TOPIC_TYPES].sort()).toEqual(typesOnTopic(Topics.chatMessages).sort());
  });
});
