import { createECDH, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

// http_ece (RFC 8188 / 8291), the encryption web-push itself uses, here on the receiving side as a browser.
const ece = createRequire(__filename)('http_ece') as {
  decrypt(buffer: Buffer, params: { version: string; privateKey: unknown; authSecret: string }): Buffer;
};

/** A browser's push keys: what `PushSubscription.toJSON().keys` holds, and the private half to decrypt with. */
export function browserKeys() {
  const ecdh = createECDH('prime256v1');
  const p256dh = ecdh.generateKeys().toString('base64url');
  const auth = randomBytes(16).toString('base64url');
  return {
    keys: { p256dh, auth },
    /** Decrypts an aes128gcm push body as the browser would. */
    decrypt: (body: Buffer): unknown =>
      JSON.parse(ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth }).toString('utf8')),
  };
}
