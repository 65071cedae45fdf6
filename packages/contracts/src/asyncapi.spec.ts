import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { createEnvelope } from './envelope';
import { envelopeSchemaFor, messageDefinitions } from './registry';
import { sampleData } from './samples';
import { renderAsyncApi } from './write-asyncapi';

const checkedIn = readFileSync(join(__dirname, '..', 'asyncapi.yaml'), 'utf8');
const document = parse(checkedIn) as {
  asyncapi: string;
  components: { messages: Record<string, { name: string; payload: object }> };
  channels: Record<string, { address: string }>;
};

describe('AsyncAPI document', () => {
  it('is the one the zod schemas generate (run `npm run asyncapi -w @prodvor/contracts` after a change)', () => {
    expect(checkedIn).toBe(renderAsyncApi());
  });

  it('is AsyncAPI 3 and lists every message type', () => {
    expect(document.asyncapi).toBe('3.0.0');
    const names = Object.values(document.components.messages).map((m) => m.name);
    expect(names.sort()).toEqual(messageDefinitions.map((d) => d.type).sort());
  });

  it.each(messageDefinitions.map((d) => d.type))(
    '%s: the document and the zod schema agree on valid and invalid payloads',
    (type) => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const message = Object.values(document.components.messages).find((m) => m.name === type)!;
      const validate = ajv.compile(message.payload);
      const envelope = createEnvelope({
        type,
        producer: 'p',
        subject: 's',
        correlationId: 'c',
        data: sampleData(type),
      });
      expect(validate(envelope)).toBe(true);
      const invalid = [
        { ...envelope, data: { ...(envelope.data as object), unexpected: 1 } },
        { ...envelope, type: 'other.type' },
        { ...envelope, occurredAt: 'yesterday' },
        { ...envelope, data: {} },
      ];
      for (const payload of invalid) {
        expect(validate(payload)).toBe(false);
        expect(envelopeSchemaFor(type).safeParse(payload).success).toBe(false);
      }
    },
  );
});
