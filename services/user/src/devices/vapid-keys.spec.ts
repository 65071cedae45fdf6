import type { AppConfig } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import type { UserConfig } from '../config/user.config';
import { parseFcmServiceAccount } from '../notifications/push/fcm-access-token';
import { VapidKeys } from './vapid-keys';

const config = (values: Partial<UserConfig>) =>
  strictFake<AppConfig<UserConfig>>('config', {
    get: ((key: keyof UserConfig) => values[key]) as AppConfig<UserConfig>['get'],
  });

describe('push configuration', () => {
  it('refuses to start in production without a VAPID key pair, naming the variables', () => {
    expect(() => new VapidKeys(config({ NODE_ENV: 'production', WEB_PUSH_VAPID_SUBJECT: 'mailto:a@b.c' }))).toThrow(
      /WEB_PUSH_VAPID_PUBLIC_KEY and WEB_PUSH_VAPID_PRIVATE_KEY are required in production/,
    );
  });

  it('refuses half a key pair, and generates one outside production', () => {
    expect(() => new VapidKeys(config({ NODE_ENV: 'test', WEB_PUSH_VAPID_PUBLIC_KEY: 'B'.repeat(87) }))).toThrow(
      /set both/,
    );
    const generated = new VapidKeys(config({ NODE_ENV: 'test', WEB_PUSH_VAPID_SUBJECT: 'mailto:a@b.c' }));
    expect(generated.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
  });

  it('names FCM_SERVICE_ACCOUNT_JSON when it is not a service account key', () => {
    expect(() => parseFcmServiceAccount('{')).toThrow(/FCM_SERVICE_ACCOUNT_JSON is not JSON/);
    expect(() => parseFcmServiceAccount('{"project_id":"x"}')).toThrow(/FCM_SERVICE_ACCOUNT_JSON: client_email/);
  });
});
