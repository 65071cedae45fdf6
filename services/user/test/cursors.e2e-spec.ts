import { newUser, startUserApp, type UserTestApp } from './support/user-app';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors a client can send that `encodeCursor` never made: each is 400 INVALID_CURSOR, never a 500. */
const MALFORMED = ['eyJpZCI6IngifQ', b64({ id: 42 }), b64({}), b64([1]), '%25%25'];

describe('cursor pagination refuses malformed cursors', () => {
  let t: UserTestApp;

  beforeAll(async () => {
    t = await startUserApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['GET /api/v1/users', '/api/v1/users?q=a'],
    ['GET /api/v1/notifications', '/api/v1/notifications'],
    ['GET /api/v1/admin/users/{id}/roles/audit', `/api/v1/admin/users/${newUser().id}/roles/audit`],
  ])('%s', async (_route, path) => {
    const admin = newUser(['player', 'admin']);
    const sep = path.includes('?') ? '&' : '?';
    for (const cursor of MALFORMED) {
      const res = await t.app.inject({ method: 'GET', url: `${path}${sep}cursor=${cursor}`, headers: admin.headers });
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
    }
    const valid = b64({ id: '0190f0a0-0000-7000-8000-000000000000' });
    const ok = await t.app.inject({ method: 'GET', url: `${path}${sep}cursor=${valid}`, headers: admin.headers });
    expect(ok.statusCode).toBe(200);
  });
});
