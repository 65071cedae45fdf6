import { randomUUID } from 'node:crypto';
import { bearerHeaders, forgedClaimsHeaders, type TestTokenOptions } from './test-tokens';

export interface ForgedIdentityWalkOptions {
  /** Sends the route's request with these headers (e.g. `(headers) => app.inject({ method, url, headers, payload })`). */
  send(headers: Record<string, string>): Promise<{ statusCode: number; headers: Record<string, unknown> }>;
  /** A valid access token of an ordinary user (`newUser().headers`), who has none of the forged roles. */
  user: Record<string, string>;
  /** What the route answers that user (e.g. 403 on a role-restricted route, 200 on their own list). */
  servedAsUser: number;
  /** The issuer the service trusts, when not the test identity's (user-service: the run's Keycloak). */
  issuer?: string;
}

const EVERY_ROLE = ['player', 'organizer', 'moderator', 'admin', 'service:moderation'];

/**
 * Walks one route of a service through what an attacker who reaches it without the gateway would send:
 * claims headers forging an identity with every role (alone, half, and next to an ordinary user's valid
 * token), and signed tokens that are not this API's access tokens (refresh/ID typ, a client that is not
 * allowed, no client, another audience or issuer, a key the realm does not have, expired). Forged headers
 * must identify nobody (401) or the token's user (`servedAsUser`); every other token 401 problem+json.
 * Returns the cases that answered otherwise (empty: the boundary holds).
 */
export async function walkForgedIdentities(options: ForgedIdentityWalkOptions): Promise<string[]> {
  const forged = forgedClaimsHeaders({ sub: randomUUID(), realm_access: { roles: EVERY_ROLE } });
  const token = (opts: TestTokenOptions) =>
    bearerHeaders({ realm_access: { roles: EVERY_ROLE } }, { issuer: options.issuer, ...opts });
  const cases: [string, Record<string, string>, number][] = [
    ['forged claims headers alone', forged, 401],
    ['forged X-Authenticated-Userid alone', { 'x-authenticated-userid': forged['x-authenticated-userid'] }, 401],
    ["forged claims headers with a user's valid token", { ...forged, ...options.user }, options.servedAsUser],
    ['a refresh token (typ Refresh)', token({ typ: 'Refresh' }), 401],
    ['an ID token (typ ID)', token({ typ: 'ID' }), 401],
    ['a token of a client that is not allowed (azp)', token({ azp: 'prodvor-user-service' }), 401],
    ['a token without azp', token({ azp: null }), 401],
    ['a token for another audience', token({ audience: 'account' }), 401],
    ['a token of another issuer', token({ issuer: 'http://127.0.0.1:1/realms/evil' }), 401],
    ['a token signed by a key the realm does not have', token({ foreignKey: true }), 401],
    ['an expired token', token({ expiresIn: -120 }), 401],
  ];
  const failures: string[] = [];
  for (const [label, headers, expected] of cases) {
    const response = await options.send(headers);
    const raw = response.headers['content-type'];
    const type = typeof raw === 'string' ? raw : '';
    if (response.statusCode !== expected) failures.push(`${label}: ${response.statusCode}, expected ${expected}`);
    else if (expected === 401 && !type.includes('application/problem+json'))
      failures.push(`${label}: 401 without problem+json (${type})`);
  }
  return failures;
}
