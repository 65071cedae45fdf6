#!/usr/bin/env node
// Demo data for local runs (called by run.mjs): the demo accounts from keycloak/dev-users.json log in
// through the dev identity and create teams and a tournament through the dev edge, like a client.
// Re-running adds nothing twice: creates carry an Idempotency-Key derived from the demo name.
import { createHash } from 'node:crypto';

const edge = process.env.EDGE_URL ?? 'http://localhost:8000';
const issuer = process.env.ISSUER ?? 'http://localhost:8080/realms/prodvor';

async function login(username, password) {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'prodvor-dev-cli', username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return (await response.json()).access_token;
}

async function call(token, method, path, body, key) {
  const response = await fetch(`${edge}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': createHash('sha256').update(key).digest('hex').slice(0, 32) } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const serviceUp = async (path) => (await fetch(`${edge}${path}`).catch(() => undefined))?.status !== 502;

async function main() {
  if (!(await serviceUp('/api/v1/teams'))) {
    console.log('seed: team-service is not running, nothing to seed');
    return;
  }
  const captains = [
    ['captain1', 'captain1-pass-1', { name: 'Dvor United', shortName: 'DVU', city: 'Kazan', format: '5x5' }],
    ['captain2', 'captain2-pass-1', { name: 'Kazan Stars', shortName: 'KZS', city: 'Kazan', format: '5x5' }],
  ];
  for (const [username, password, team] of captains) {
    const token = await login(username, password);
    const created = await call(token, 'POST', '/api/v1/teams', team, `seed-team-${team.name}`);
    console.log(`seed: team ${team.name} -> ${created.status}`);
  }
  if (await serviceUp('/api/v1/tournaments')) {
    const organizer = await login('organizer', 'organizer-pass-1');
    const created = await call(
      organizer,
      'POST',
      '/api/v1/tournaments',
      {
        name: 'Kazan Yard Cup',
        format: 'round_robin',
        sportFormat: '5x5',
        visibility: 'public',
        registrationOpensAt: new Date(Date.now() - 86_400_000).toISOString(),
        registrationClosesAt: new Date(Date.now() + 6 * 86_400_000).toISOString(),
        startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        minTeams: 2,
        maxTeams: 8,
        venues: [
          {
            name: 'Yard on Baumana',
            address: 'Kazan',
            pitches: [
              {
                name: 'Main',
                windows: [7, 8].map((n) => {
                  const day = new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
                  return { start: `${day}T09:00:00Z`, end: `${day}T19:00:00Z` };
                }),
              },
            ],
          },
        ],
      },
      'seed-tournament-kazan-yard-cup',
    );
    console.log(`seed: tournament Kazan Yard Cup -> ${created.status}`);
  }
}

main().catch((error) => {
  console.error(`seed failed: ${error.message}`);
  process.exitCode = 1;
});
