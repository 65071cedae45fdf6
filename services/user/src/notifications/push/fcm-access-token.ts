import { RenewingToken, type CallPolicy, type IssuedToken } from '@prodvor/platform';
import { z } from 'zod';
import { PushServiceError, retryableStatus } from './push-sender';

// jose 6 is ESM only: loaded with a dynamic import, its types imported statically.
import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };

let jose: Promise<typeof JoseModule> | undefined;
const loadJose = () => (jose ??= import('jose'));

/** The fields of a Firebase service account key that FCM HTTP v1 needs. */
export const fcmServiceAccountSchema = z.object({
  project_id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a Firebase project id'),
  client_email: z.string().email(),
  private_key: z.string().includes('PRIVATE KEY'),
  token_uri: z.string().url().default('https://oauth2.googleapis.com/token'),
});
export type FcmServiceAccount = z.infer<typeof fcmServiceAccountSchema>;

/** Parses FCM_SERVICE_ACCOUNT_JSON; a bad value stops the service with a message naming the variable. */
export function parseFcmServiceAccount(raw: string): FcmServiceAccount {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('Invalid configuration: FCM_SERVICE_ACCOUNT_JSON is not JSON');
  }
  const parsed = fcmServiceAccountSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `Invalid configuration: FCM_SERVICE_ACCOUNT_JSON: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

/**
 * OAuth 2.0 access tokens for FCM from a service account: a JWT grant (RFC 7523) signed RS256 with the
 * account's key, exchanged at its token endpoint. Cached until a minute before expiry; concurrent callers
 * share one request.
 */
export class FcmAccessToken {
  private readonly renewing: RenewingToken;

  constructor(
    private readonly account: FcmServiceAccount,
    private readonly tokenUrl: string,
    private readonly policy: CallPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.renewing = new RenewingToken(() => this.fetchToken(), now);
  }

  token(): Promise<string> {
    return this.renewing.get();
  }

  /** FCM answered 401: the token is dropped and the next call fetches a new one. */
  invalidate(): void {
    this.renewing.invalidate();
  }

  private async fetchToken(): Promise<IssuedToken> {
    const { SignJWT, importPKCS8 } = await loadJose();
    const key = await importPKCS8(this.account.private_key, 'RS256');
    const nowSeconds = Math.floor(this.now() / 1000);
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(this.account.client_email)
      .setAudience(this.tokenUrl)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 3_600)
      .sign(key);
    const answer = await this.policy.execute(async (signal) => {
      const response = await fetch(this.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
        signal,
        redirect: 'error',
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new PushServiceError('fcm-token', response.status, retryableStatus(response.status));
      }
      return tokenAnswer.parse(await response.json());
    });
    return { token: answer.access_token, renewAt: this.now() + Math.max(0, answer.expires_in - 60) * 1000 };
  }
}
