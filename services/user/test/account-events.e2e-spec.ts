import { createRealmUser, tokenClaims, uniqueUsername } from '@prodvor/testing';
import { probeTopic } from './support/kafka-probe';
import { startUserApp, type UserTestApp } from './support/user-app';

describe('account events and deletion over HTTP', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    t = await startUserApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('emits user.profile.updated, then deletes the account everywhere and emits user.deleted', async () => {
    const probe = await probeTopic(t.kafka, 'user.events.v1');
    try {
      const leaving = uniqueUsername('leaving');
      const registered = await t.app.inject({
        method: 'POST',
        url: '/api/v1/register',
        payload: { username: leaving, email: `${leaving}@example.test`, password: 'goodbye-yard-1' },
      });
      expect(registered.statusCode).toBe(202);
      const token = await t.login(leaving, 'goodbye-yard-1');
      const id = tokenClaims(token).sub as string;
      const auth = { authorization: `Bearer ${token}` };

      const updated = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/users/me',
        headers: auth,
        payload: { displayName: 'Leaving Soon', city: 'Omsk' },
      });
      expect(updated.statusCode).toBe(200);

      const deleted = await t.app.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: auth });
      expect(deleted.statusCode).toBe(204);

      await expect(t.login(leaving, 'goodbye-yard-1')).rejects.toThrow(/401|400/);
      const other = await createRealmUser();
      const stranger = { authorization: `Bearer ${await t.login(other.username, other.password)}` };
      const gone = await t.app.inject({ method: 'GET', url: `/api/v1/users/${id}`, headers: stranger });
      expect(gone.statusCode).toBe(404);
      // The still valid token must not bring the profile back just in time.
      const again = await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: auth });
      expect(again.statusCode).toBe(410);
      expect(again.json().code).toBe('USER_DELETED');

      await t.flushOutbox();
      await probe.waitFor((events) => events.some((e) => e.envelope.type === 'user.deleted'));
      const mine = probe.received.filter((e) => e.key === id).map((e) => e.envelope);
      expect(mine.map((e) => e.type)).toEqual(['user.registered', 'user.profile.updated', 'user.deleted']);
      expect(mine[1].data).toEqual({ userId: id, displayName: 'Leaving Soon', city: 'Omsk' });
      expect(mine[2]).toMatchObject({ subject: id, producer: 'user', data: { userId: id } });
    } finally {
      await probe.stop();
    }
  });
});
