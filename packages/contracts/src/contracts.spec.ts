import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import {
  consumedTypesSchema,
  createEnvelope,
  EnvelopeParseError,
  eventEnvelopeSchema,
  envelopeSchemaFor,
  envelopeSchemaForTypes,
  messageDefinition,
  messageDefinitions,
  parseEnvelope,
  Topics,
  typesOnTopic,
  userDeletedData,
} from './index';
import { sampleData } from './samples';

describe('envelope', () => {
  it('round-trips through JSON and the schema', () => {
    const envelope = createEnvelope({
      type: 'team.archived',
      producer: 'team',
      subject: uuidv4(),
      correlationId: 'c-1',
      data: { teamId: uuidv4() },
    });
    const parsed = parseEnvelope(Buffer.from(JSON.stringify(envelope)), envelopeSchemaFor('team.archived'));
    expect(parsed).toEqual(envelope);
  });

  it('issues UUIDv7 ids that sort by creation time', () => {
    const ids = [0, 1, 2].map(
      (i) =>
        createEnvelope({
          type: 'x',
          producer: 'p',
          subject: 's',
          correlationId: 'c',
          data: {},
          now: new Date(1_700_000_000_000 + i),
        }).id,
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses bytes that are not JSON, a v4 id, an unknown field or a wrong type', () => {
    const schema = envelopeSchemaFor('team.archived');
    const valid = createEnvelope({
      type: 'team.archived',
      producer: 'team',
      subject: 's',
      correlationId: 'c',
      data: { teamId: uuidv4() },
    });
    expect(() => parseEnvelope('{nope', schema)).toThrow(EnvelopeParseError);
    expect(() => parseEnvelope(JSON.stringify({ ...valid, id: uuidv4() }), schema)).toThrow(/UUIDv7/);
    expect(() => parseEnvelope(JSON.stringify({ ...valid, extra: 1 }), schema)).toThrow(EnvelopeParseError);
    expect(() => parseEnvelope(JSON.stringify({ ...valid, type: 'team.created' }), schema)).toThrow(/type/);
    expect(() => parseEnvelope(null, schema)).toThrow(/empty/);
  });

  it('parses any of the types that share a topic', () => {
    const schema = envelopeSchemaForTypes(typesOnTopic(Topics.teamEvents));
    for (const type of typesOnTopic(Topics.teamEvents)) {
      const envelope = createEnvelope({
        type,
        producer: 'team',
        subject: 's',
        correlationId: 'c',
        data: sampleData(type),
      });
      expect(schema.safeParse(envelope).success).toBe(true);
    }
  });
});

describe('message schemas', () => {
  it.each(messageDefinitions.map((d) => d.type))('%s accepts its sample and refuses an unknown field', (type) => {
    const { data } = messageDefinition(type);
    expect(data.safeParse(sampleData(type)).success).toBe(true);
    expect(data.safeParse({ ...(sampleData(type) as object), unexpected: true }).success).toBe(false);
  });

  it('lets a consumer skip the types it does not read, but not a malformed one it does', () => {
    const schema = consumedTypesSchema(eventEnvelopeSchema('user.deleted', userDeletedData));
    const deleted = createEnvelope({
      type: 'user.deleted',
      producer: 'user',
      subject: 's',
      correlationId: 'c',
      data: { userId: uuidv4() },
    });
    const other = createEnvelope({
      type: 'user.future',
      producer: 'user',
      subject: 's',
      correlationId: 'c',
      data: { anything: 1 },
    });
    expect(schema.safeParse(deleted).success).toBe(true);
    expect(schema.safeParse(other).success).toBe(true);
    expect(schema.safeParse({ ...deleted, data: { userId: 'not-a-uuid' } }).success).toBe(false);
    expect(schema.safeParse({ type: 'user.future' }).success).toBe(false);
  });

  it('bounds chat text, attachments and import batches', () => {
    const chat = messageDefinition('chat.message.sent').data;
    const sample = sampleData('chat.message.sent') as Record<string, unknown>;
    expect(chat.safeParse({ ...sample, text: 'x'.repeat(4001) }).success).toBe(false);
    expect(chat.safeParse({ ...sample, attachments: Array.from({ length: 11 }, () => uuidv4()) }).success).toBe(false);
    expect(chat.safeParse({ ...sample, text: '  ', attachments: [] }).success).toBe(false);
    expect(chat.safeParse({ ...sample, messageId: uuidv4() }).success).toBe(false);
    const imports = messageDefinition('media.import').data;
    const batch = sampleData('media.import') as Record<string, unknown>;
    expect(
      imports.safeParse({ ...batch, urls: Array.from({ length: 101 }, (_, i) => `https://e.com/${i}.jpg`) }).success,
    ).toBe(false);
    expect(imports.safeParse({ ...batch, urls: ['ftp://e.com/a.jpg'] }).success).toBe(false);
    expect(imports.safeParse({ ...batch, urls: [] }).success).toBe(false);
  });

  it('discriminates match events by kind and requires the kind-specific fields', () => {
    const match = messageDefinition('match.event.recorded').data;
    const goal = sampleData('match.event.recorded') as Record<string, unknown>;
    expect(match.safeParse(goal).success).toBe(true);
    expect(match.safeParse({ ...goal, kind: 'yellow_card' }).success).toBe(false);
    expect(match.safeParse({ ...goal, sequence: 0 }).success).toBe(false);
    const { scorerId: _scorer, ...withoutScorer } = goal;
    expect(match.safeParse(withoutScorer).success).toBe(false);
  });

  it('has one definition per type and a sample for each', () => {
    const types = messageDefinitions.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(() => messageDefinition('nope')).toThrow(/unknown/);
    expect(uuidv7()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
