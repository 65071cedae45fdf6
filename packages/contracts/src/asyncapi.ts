import { zodToJsonSchema } from 'zod-to-json-schema';
import { eventEnvelopeSchema } from './envelope';
import { type MessageDefinition, messageDefinitions } from './registry';

const messageName = (type: string) => type.replace(/\./g, '_');
const channelName = (d: MessageDefinition) =>
  d.channel.kind === 'kafka'
    ? d.channel.topic.replace(/\./g, '_')
    : `${d.channel.exchange}_${d.channel.routingKey.replace(/\./g, '_')}`;

export function payloadJsonSchema(definition: MessageDefinition): Record<string, unknown> {
  const schema = zodToJsonSchema(eventEnvelopeSchema(definition.type, definition.data, definition.version), {
    $refStrategy: 'none',
    target: 'jsonSchema7',
  }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

/** The AsyncAPI 3 document, generated from the zod schemas so the two cannot drift. */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const definition of messageDefinitions) {
    const name = messageName(definition.type);
    messages[name] = {
      name: definition.type,
      title: definition.type,
      summary: definition.summary,
      contentType: 'application/json',
      payload: payloadJsonSchema(definition),
      'x-producers': definition.producers,
      'x-consumers': definition.consumers,
    };
    const channel = channelName(definition);
    const existing = channels[channel] as { messages: Record<string, unknown> } | undefined;
    if (existing) {
      existing.messages[name] = { $ref: `#/components/messages/${name}` };
    } else {
      channels[channel] =
        definition.channel.kind === 'kafka'
          ? {
              address: definition.channel.topic,
              servers: [{ $ref: '#/servers/kafka' }],
              messages: { [name]: { $ref: `#/components/messages/${name}` } },
              bindings: { kafka: { topic: definition.channel.topic, bindingVersion: '0.5.0' } },
            }
          : {
              address: definition.channel.routingKey,
              servers: [{ $ref: '#/servers/rabbitmq' }],
              messages: { [name]: { $ref: `#/components/messages/${name}` } },
              bindings: {
                amqp: {
                  is: 'routingKey',
                  exchange: { name: definition.channel.exchange, type: 'topic', durable: true, autoDelete: false },
                  bindingVersion: '0.3.0',
                },
              },
            };
    }
    operations[`send_${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channel}` },
      messages: [{ $ref: `#/channels/${channel}/messages/${name}` }],
      summary: `${definition.producers.join(', ')} publishes ${definition.type}`,
    };
    if (definition.consumers.length > 0)
      operations[`receive_${name}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channel}` },
        messages: [{ $ref: `#/channels/${channel}/messages/${name}` }],
        summary: `${definition.consumers.join(', ')} consumes ${definition.type}`,
      };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ProDvor events and jobs',
      version: '1.0.0',
      description:
        'Kafka carries ordered, replayable streams (key: aggregate, room or match id); RabbitMQ carries work. ' +
        'Every message is a JSON envelope {id (UUIDv7), type, version, occurredAt, producer, subject, correlationId, data}. ' +
        'Generated from packages/contracts (npm run asyncapi -w @prodvor/contracts); do not edit by hand.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'kafka:9092',
        protocol: 'kafka',
        description: 'Kafka (KRaft) in compose; librdkafka mock broker locally',
      },
      rabbitmq: { host: 'rabbitmq:5672', protocol: 'amqp', description: 'RabbitMQ; durable topic exchanges' },
    },
    channels,
    operations,
    components: { messages },
  };
}
