import { AppConfig, loadConfig } from '@prodvor/platform';
import { tournamentConfigSchema, type TournamentConfig } from '../config/tournament.config';
import { WebhookSecretBox } from './webhook-secret-box';

const configOf = (env: Record<string, string>): AppConfig<TournamentConfig> =>
  new AppConfig(
    loadConfig(tournamentConfigSchema, {
      SERVICE_NAME: 'tournament',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x',
      KAFKA_BROKERS: '127.0.0.1:9092',
      RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
      ...env,
    }),
    tournamentConfigSchema,
  );

describe('WebhookSecretBox', () => {
  const key = 'k'.repeat(40);

  it('seals secrets so that only the same key opens them, and detects tampering', () => {
    const box = new WebhookSecretBox(configOf({ WEBHOOK_SECRET_KEY: key }));
    const sealed = box.seal('whsec_abc');
    expect(sealed).toMatch(/^enc1:/);
    expect(sealed).not.toContain('abc');
    expect(box.seal('whsec_abc')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(() => new WebhookSecretBox(configOf({ WEBHOOK_SECRET_KEY: 'x'.repeat(40) })).open(sealed)).toThrow();
    const [iv, tag, body] = sealed.slice(5).split('.');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => box.open(`enc1:${iv}.${tag}.${flipped.toString('base64')}`)).toThrow();
  });

  it('is required in production; without it (development) secrets stay as they are', () => {
    expect(() => new WebhookSecretBox(configOf({ NODE_ENV: 'production' }))).toThrow(/WEBHOOK_SECRET_KEY/);
    const plain = new WebhookSecretBox(configOf({ NODE_ENV: 'development' }));
    expect(plain.seal('whsec_abc')).toBe('whsec_abc');
    expect(new WebhookSecretBox(configOf({ WEBHOOK_SECRET_KEY: key })).open('whsec_abc')).toBe('whsec_abc');
    expect(() => new WebhookSecretBox(configOf({ WEBHOOK_SECRET_KEY: 'short' }))).toThrow();
  });
});
