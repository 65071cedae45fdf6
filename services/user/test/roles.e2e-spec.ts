import { createRealmUser, tokenClaims, type RealmUser } from '@prodvor/testing';
import { Client } from 'pg';
import { startUserApp, type UserTestApp } from './support/user-app';

describe("role administration over HTTP (Keycloak's Admin API)", () => {
  let t: UserTestApp;
  let admin: Record<string, string>;
  let adminUser: RealmUser;
  let player: RealmUser;

  beforeAll(async () => {
    t = await startUserApp();
    [adminUser, player] = await Promise.all([createRealmUser({ roles: ['admin'] }), createRealmUser()]);
    admin = { authorization: `Bearer ${await t.login(adminUser.username, adminUser.password)}` };
  });

  afterAll(async () => {
    await t?.close();
  });

  const rolesInToken = async () => tokenClaims(await t.login(player.username, player.password)).realm_access!.roles;

  it('lets an admin grant and revoke organizer, audited in order', async () => {
    const granted = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${player.id}/roles/organizer`,
      headers: admin,
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ userId: player.id, role: 'organizer', action: 'grant' });
    expect(await rolesInToken()).toContain('organizer');

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/users/${player.id}/roles/organizer`,
      headers: admin,
    });
    expect(revoked.statusCode).toBe(200);
    expect(await rolesInToken()).not.toContain('organizer');

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/users/${player.id}/roles/audit`,
      headers: admin,
    });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['revoke', 'grant']);
  });

  it('refuses a non-admin with 403 and changes nothing', async () => {
    const other = await createRealmUser();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${player.id}/roles/moderator`,
      headers: { authorization: `Bearer ${await t.login(other.username, other.password)}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const organizerUser = await createRealmUser({ roles: ['organizer'] });
    const organizer = { authorization: `Bearer ${await t.login(organizerUser.username, organizerUser.password)}` };
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/users/${player.id}/roles/audit`,
      headers: organizer,
    });
    expect(audit.statusCode).toBe(403);
    expect(await rolesInToken()).not.toContain('moderator');
  });

  it('refuses roles that cannot be granted here, unknown users and self changes', async () => {
    const adminRole = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${player.id}/roles/admin`,
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
      url: `/api/v1/admin/users/${adminUser.id}/roles/moderator`,
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
