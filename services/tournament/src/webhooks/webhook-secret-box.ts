import { type AppConfig, ConfigValidationError } from '@prodvor/platform';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { TournamentConfig } from '../config/tournament.config';

const SEALED = 'enc1:';

/**
 * Signing secrets at rest: sealed with AES-256-GCM under a key derived from WEBHOOK_SECRET_KEY
 * (`enc1:<iv>.<tag>.<ciphertext>`, base64), so a database dump alone does not let anyone sign as the platform.
 * Without the key (development and tests only: production refuses to start) secrets are stored as they are,
 * and such values stay readable once a key is set.
 */
export class WebhookSecretBox {
  private readonly key?: Buffer;

  constructor(config: AppConfig<TournamentConfig>) {
    const material = config.get('WEBHOOK_SECRET_KEY');
    if (!material && config.get('NODE_ENV') === 'production')
      throw new ConfigValidationError([{ variable: 'WEBHOOK_SECRET_KEY', message: 'required in production' }]);
    if (material)
      this.key = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'prodvor webhook secrets v1', 32));
  }

  seal(secret: string): string {
    if (!this.key) return secret;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${SEALED}${[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64')).join('.')}`;
  }

  open(stored: string): string {
    if (!stored.startsWith(SEALED)) return stored;
    if (!this.key) throw new Error('a sealed webhook secret needs WEBHOOK_SECRET_KEY');
    const [iv, tag, ciphertext] = stored
      .slice(SEALED.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}
