import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashPassword, violatedPolicy } from './passwords';
import type { Realm } from './realm';
import type { TokenIssuer } from './tokens';
import { representation, UserConflictError, type UserStore } from './user-store';

interface UserBody {
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  emailVerified?: boolean;
  credentials?: { type?: string; value?: string; temporary?: boolean }[];
}

/**
 * The Admin REST subset user-service needs (through @keycloak/keycloak-admin-client): users,
 * passwords and realm role mappings. Callers need a token whose `realm-management` roles include
 * `manage-users` (reads accept `view-users` / `query-users`).
 */
export function registerAdminApi(
  app: FastifyInstance,
  realm: Realm,
  users: UserStore,
  tokens: () => TokenIssuer,
): void {
  const base = `/admin/realms/${realm.realm}`;
  const roleRepresentation = (name: string) => {
    const role = realm.roles.realm.find((r) => r.name === name);
    return (
      role && {
        id: `role-${role.name}`,
        name: role.name,
        description: role.description,
        composite: Boolean(role.composite),
        clientRole: false,
        containerId: realm.realm,
      }
    );
  };

  async function authorize(request: FastifyRequest, reply: FastifyReply, write: boolean): Promise<boolean> {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    let roles: string[] = [];
    try {
      const claims = await tokens().verifyAccess(token ?? '');
      roles =
        (claims.resource_access as Record<string, { roles: string[] }> | undefined)?.['realm-management']?.roles ?? [];
    } catch {
      await reply.code(401).send({ error: 'HTTP 401 Unauthorized' });
      return false;
    }
    const allowed = write
      ? roles.includes('manage-users')
      : roles.some((r) => ['manage-users', 'view-users', 'query-users'].includes(r));
    if (!allowed) await reply.code(403).send({ error: 'HTTP 403 Forbidden' });
    return allowed;
  }

  const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'User not found' });

  app.post(`${base}/users`, async (request, reply) => {
    if (!(await authorize(request, reply, true))) return reply;
    const body = (request.body ?? {}) as UserBody;
    if (!body.username) return reply.code(400).send({ errorMessage: 'User name is missing' });
    const password = body.credentials?.find((c) => c.type === 'password')?.value;
    if (password) {
      const violation = violatedPolicy(realm.passwordPolicy, password, { username: body.username, email: body.email });
      if (violation)
        return reply.code(400).send({ error: violation, error_description: violation, errorMessage: violation });
    }
    try {
      const user = users.create({ ...body, username: body.username });
      if (password) user.passwordHash = await hashPassword(password);
      return reply
        .code(201)
        .header('location', `${request.protocol}://${request.headers.host}${base}/users/${user.id}`)
        .send();
    } catch (error) {
      if (error instanceof UserConflictError) return reply.code(409).send({ errorMessage: error.message });
      throw error;
    }
  });

  app.get(`${base}/users`, async (request, reply) => {
    if (!(await authorize(request, reply, false))) return reply;
    const q = request.query as Record<string, string | undefined>;
    const first = Number(q.first ?? 0);
    const max = Number(q.max ?? 100);
    return users
      .search({ username: q.username, email: q.email, search: q.search, exact: q.exact === 'true' })
      .slice(first, first + max)
      .map(representation);
  });

  app.get(`${base}/users/:id`, async (request, reply) => {
    if (!(await authorize(request, reply, false))) return reply;
    const user = users.get((request.params as { id: string }).id);
    return user ? representation(user) : notFound(reply);
  });

  app.put(`${base}/users/:id`, async (request, reply) => {
    if (!(await authorize(request, reply, true))) return reply;
    const user = users.get((request.params as { id: string }).id);
    if (!user) return notFound(reply);
    const body = (request.body ?? {}) as UserBody;
    if (body.email && body.email.toLowerCase() !== user.email && users.findByEmail(body.email))
      return reply.code(409).send({ errorMessage: 'User exists with same email' });
    Object.assign(user, {
      email: body.email?.toLowerCase() ?? user.email,
      firstName: body.firstName ?? user.firstName,
      lastName: body.lastName ?? user.lastName,
      enabled: body.enabled ?? user.enabled,
      emailVerified: body.emailVerified ?? user.emailVerified,
    });
    return reply.code(204).send();
  });

  app.delete(`${base}/users/:id`, async (request, reply) => {
    if (!(await authorize(request, reply, true))) return reply;
    return users.delete((request.params as { id: string }).id) ? reply.code(204).send() : notFound(reply);
  });

  app.put(`${base}/users/:id/reset-password`, async (request, reply) => {
    if (!(await authorize(request, reply, true))) return reply;
    const user = users.get((request.params as { id: string }).id);
    if (!user) return notFound(reply);
    const value = ((request.body ?? {}) as { value?: string }).value ?? '';
    const violation = violatedPolicy(realm.passwordPolicy, value, user);
    if (violation) return reply.code(400).send({ error: violation, error_description: violation });
    user.passwordHash = await hashPassword(value);
    return reply.code(204).send();
  });

  app.get(`${base}/users/:id/role-mappings/realm`, async (request, reply) => {
    if (!(await authorize(request, reply, false))) return reply;
    const user = users.get((request.params as { id: string }).id);
    return user ? [...user.realmRoles].map(roleRepresentation).filter(Boolean) : notFound(reply);
  });

  for (const method of ['POST', 'DELETE'] as const) {
    app.route({
      method,
      url: `${base}/users/:id/role-mappings/realm`,
      handler: async (request, reply) => {
        if (!(await authorize(request, reply, true))) return reply;
        const user = users.get((request.params as { id: string }).id);
        if (!user) return notFound(reply);
        const roles = ((request.body ?? []) as { name?: string }[]).map((r) => r.name ?? '');
        if (roles.some((name) => !roleRepresentation(name))) return reply.code(404).send({ error: 'Role not found' });
        for (const name of roles) {
          if (method === 'POST') user.realmRoles.add(name);
          else user.realmRoles.delete(name);
        }
        return reply.code(204).send();
      },
    });
  }

  app.get(`${base}/roles`, async (request, reply) => {
    if (!(await authorize(request, reply, false))) return reply;
    return realm.roles.realm.map((r) => roleRepresentation(r.name));
  });

  app.get(`${base}/roles/:name`, async (request, reply) => {
    if (!(await authorize(request, reply, false))) return reply;
    return (
      roleRepresentation((request.params as { name: string }).name) ??
      reply.code(404).send({ error: 'Could not find role' })
    );
  });
}
