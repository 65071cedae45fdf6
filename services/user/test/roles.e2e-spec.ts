import { Client } from 'pg';
import { startUserApp, type UserTestApp } from './support/user-app';

const PLAYER2 = '0b8f2a55-6a4f-4b53-9d4e-0e2b8c1f0a05';

describe('role administration over HTTP (dev identity Admin API)', () => {
  let t: UserTestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startUserApp();
    admin = { authorization: `Bearer ${await t.login('admin', 'admin-pass-123')}` };
  });

  afterAll(async () => {
    await t?.close();
  });

  const rolesInToken = async (username: string, password: string) => {
    const token = await t.login(username, password);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      realm_access: { roles: string[] };
    };
    return claims.realm_access.roles;
  };

  it('lets an admin grant and revoke organizer, audited in order', async () => {
    const granted = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${PLAYER2}/roles/organizer`,
      headers: admin,
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ userId: PLAYER2, role: 'organizer', action: 'grant' });
    expect(await rolesInToken('player2', 'player2-pass-1')).toContain('organizer');

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/users/${PLAYER2}/roles/organizer`,
      headers: admin,
    });
    expect(revoked.statusCode).toBe(200);
    expect(await rolesInToken('player2', 'player2-pass-1')).not.toContain('organizer');

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/users/${PLAYER2}/roles/audit`,
      headers: admin,
    });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['revoke', 'grant']);
  });

  it('refuses a non-admin with 403 and changes nothing', async () => {
    const player = { authorization: `Bearer ${await t.login('player1', 'player1-pass-1')}` };
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${PLAYER2}/roles/moderator`,
      headers: player,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const organizer = { authorization: `Bearer ${await t.login('organizer', 'organizer-pass-1')}` };
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/users/${PLAYER2}/roles/audit`,
      headers: organizer,
    });
    expect(audit.statusCode).toBe(403);
    expect(await rolesInToken('player2', 'player2-pass-1')).not.toContain('moderator');
  });

  it('refuses roles that cannot be granted here, unknown users and self changes', async () => {
    const adminRole = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${PLAYER2}/roles/admin`,
      headers: admin,
    });
    expect(adminRole.statusCode).toBe(400);
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/users/0190f0a0-0000-7000-8000-000000000000/roles/moderator',
      headers: admin,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('USER_NOT_FOUND');
    const self = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/users/0b8f2a55-6a4f-4b53-9d4e-0e2b8c1f0a06/roles/moderator',
      headers: admin,
    });
    expect(self.json().code).toBe('ROLE_SELF_CHANGE');
  });

  it('keeps the audit append-only in the database', async () => {
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      await expect(client.query("UPDATE role_audit SET role = 'admin'")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM role_audit')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
