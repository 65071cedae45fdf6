import { AppConfig, loadConfig, type Resolve } from '@prodvor/platform';
import type { LookupAddress } from 'node:dns';
import { tournamentConfigSchema, type TournamentConfig } from '../config/tournament.config';
import { WebhookSender } from './webhook-sender';
import { WebhookTargetPolicy } from './webhook-target-policy';

const base = {
  SERVICE_NAME: 'tournament',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x',
  KAFKA_BROKERS: '127.0.0.1:9092',
  RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

function configOf(env: Record<string, string>): AppConfig<TournamentConfig> {
  return new AppConfig(loadConfig(tournamentConfigSchema, { ...base, ...env }), tournamentConfigSchema);
}

/** A name that resolves to a public address when it is registered and to a private one afterwards. */
function rebinding(): Resolve {
  let calls = 0;
  return async () => {
    calls += 1;
    const address = calls === 1 ? '93.184.215.14' : '10.0.0.5';
    return [{ address, family: 4 } satisfies LookupAddress];
  };
}

describe('WebhookTargetPolicy', () => {
  it('refuses to start in production with the development allowances', () => {
    const allowances: Record<string, string>[] = [
      { WEBHOOK_DEV_ALLOW_HTTP: 'true' },
      { WEBHOOK_DEV_ALLOWED_PRIVATE_CIDRS: '10.0.0.0/8' },
    ];
    for (const env of allowances) {
      expect(() => new WebhookTargetPolicy(configOf({ NODE_ENV: 'production', ...env }))).toThrow(/production/);
    }
  });

  it('accepts only https to public addresses on the allowed ports by default', async () => {
    const policy = new WebhookTargetPolicy(configOf({ NODE_ENV: 'production' }));
    const refusals = {
      'http://93.184.215.14/hook': 'WEBHOOK_INVALID_URL',
      'https://user:pw@93.184.215.14/hook': 'WEBHOOK_INVALID_URL',
      'https://93.184.215.14:8443/hook': 'WEBHOOK_INVALID_URL',
      'https://169.254.169.254/latest/meta-data': 'WEBHOOK_FORBIDDEN_TARGET',
      'https://10.1.2.3/hook': 'WEBHOOK_FORBIDDEN_TARGET',
      'https://127.0.0.1/hook': 'WEBHOOK_FORBIDDEN_TARGET',
      'https://[::1]/hook': 'WEBHOOK_FORBIDDEN_TARGET',
      'https://[::ffff:10.0.0.1]/hook': 'WEBHOOK_FORBIDDEN_TARGET',
    };
    for (const [url, code] of Object.entries(refusals))
      await expect(policy.validate(url), url).rejects.toMatchObject({ code });
    await expect(policy.validate('https://93.184.215.14/hook')).resolves.toBeUndefined();
    await policy.onApplicationShutdown();
  });

  it('checks the address again when it connects: a name rebound to a private address is refused (DNS rebinding)', async () => {
    const config = configOf({ NODE_ENV: 'production' });
    const policy = new WebhookTargetPolicy(config, rebinding());
    await expect(policy.validate('https://hooks.rebind.test/in')).resolves.toBeUndefined();
    const result = await new WebhookSender(policy, config).post('https://hooks.rebind.test/in', {}, '{}');
    expect(result).toMatchObject({ statusCode: null, refused: true });
    expect(result.error).toMatch(/refused: .*10\.0\.0\.5/);
    await policy.onApplicationShutdown();
  });
});
