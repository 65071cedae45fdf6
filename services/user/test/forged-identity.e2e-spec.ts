import { testKeycloak, walkForgedIdentities } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { newUser, startUserApp, type UserTestApp } from './support/user-app';

/** Identity only from a verified access token: forged claims headers and foreign tokens never pass. */
describe('forged identities (user-service)', () => {
  let t: UserTestApp;
  beforeAll(async () => {
    t = await startUserApp();
  });
  afterAll(async () => t?.close());

  it('never lets forged admin claims headers grant roles, nor tokens that are not its access tokens', async () => {
    const player = newUser();
    const failures = await walkForgedIdentities({
      // Granting a role is admin-only: the player behind the valid token is refused.
      send: (headers) =>
        t.app.inject({ method: 'PUT', url: `/api/v1/admin/users/${randomUUID()}/roles/organizer`, headers }),
      user: player.headers,
      servedAsUser: 403,
      issuer: testKeycloak().issuer,
    });
    expect(failures).toEqual([]);
  });
});
