import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_STANDINGS_ROWS, TournamentServiceClient } from './tournament-service.client';

type Handler = (path: string, response: ServerResponse) => void;

/** A throw-away HTTP server answering as the test says, recording what it received. */
async function upstream(handler: Handler) {
  const hits: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((request, response) => {
    hits.push({ path: request.url ?? '', headers: request.headers });
    handler(request.url ?? '', response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const caller = { authorization: 'Bearer a.b.c' };
const tournament = {
  id: 't-1',
  name: 'Cup',
  organizerId: 'u-1',
  format: 'round_robin',
  sportFormat: '5x5',
  visibility: 'private',
  status: 'in_progress',
  startsAt: '2026-11-01T10:00:00Z',
  endsAt: '2026-11-30T10:00:00Z',
  internalNotes: 'not for the model',
};
const client = (url: string, timeoutMs = 500) =>
  new TournamentServiceClient(url, { timeoutMs, retries: 2, backoffMs: 1 });

describe('TournamentServiceClient', () => {
  const servers: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  const serve = async (handler: Handler) => {
    const server = await upstream(handler);
    servers.push(server);
    return server;
  };

  it('reads with the caller identity only and keeps the known fields', async () => {
    const server = await serve((_path, response) => json(response, 200, tournament));
    const read = await client(server.url).tournament('t-1', caller);
    expect(read).toEqual({
      ok: true,
      value: expect.not.objectContaining({ internalNotes: expect.anything() }) as unknown,
    });
    expect(read.ok && read.value.name).toBe('Cup');
    expect(server.hits[0].path).toBe('/api/v1/tournaments/t-1');
    expect(server.hits[0].headers).toMatchObject({ ...caller, accept: 'application/json' });
  });

  it('treats 401/403/404 as "not visible" and 400 as "rejected", without retries or opening the circuit', async () => {
    const statuses = [404, 403, 401, 400];
    const server = await serve((_path, response) => json(response, statuses.shift() ?? 404, { code: 'X' }));
    const reader = client(server.url);
    for (const reason of ['not_visible', 'not_visible', 'not_visible', 'rejected'])
      expect(await reader.standings('t-1', caller)).toEqual({ ok: false, reason });
    for (let i = 0; i < 6; i++) await reader.tournament('t-1', caller);
    expect(server.hits).toHaveLength(10);
    expect(await reader.tournament('t-1', caller)).toEqual({ ok: false, reason: 'not_visible' });
  });

  it('retries 5xx twice, then answers 503 DEPENDENCY_UNAVAILABLE', async () => {
    const server = await serve((_path, response) => json(response, 502, {}));
    await expect(client(server.url).tournament('t-1', caller)).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      status: 503,
    });
    expect(server.hits).toHaveLength(3);
  });

  it('answers 503 for an unexpected shape, an oversized answer, or a slow one', async () => {
    const shapes = await serve((_path, response) => json(response, 200, { id: 't-1' }));
    await expect(client(shapes.url).tournament('t-1', caller)).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
    });
    const huge = await serve((_path, response) => json(response, 200, { ...tournament, name: 'x'.repeat(1_100_000) }));
    await expect(client(huge.url).tournament('t-1', caller)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    const slow = await serve((_path, response) => {
      setTimeout(() => json(response, 200, tournament), 400);
    });
    await expect(client(slow.url, 50).tournament('t-1', caller)).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      message: expect.stringContaining('in time') as string,
    });
  });

  it('never follows a redirect (the identity headers stay with tournament-service)', async () => {
    const elsewhere = await serve((_path, response) => json(response, 200, tournament));
    const redirecting = await serve((_path, response) =>
      response.writeHead(302, { location: `${elsewhere.url}/api/v1/tournaments/t-1` }).end(),
    );
    await expect(client(redirecting.url).tournament('t-1', caller)).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
    });
    expect(elsewhere.hits).toHaveLength(0);
  });

  it('bounds standings rows and passes match filters as query parameters', async () => {
    const row = (i: number) => ({
      position: i + 1,
      teamId: `t${i}`,
      teamName: `Team ${i}`,
      played: 1,
      won: 1,
      drawn: 0,
      lost: 0,
      goalsFor: 1,
      goalsAgainst: 0,
      goalDifference: 1,
      points: 3,
      form: ['W'],
    });
    const server = await serve((path, response) =>
      path.includes('/standings')
        ? json(response, 200, {
            tournamentId: 't-1',
            groups: [{ group: 'A', rows: Array.from({ length: 100 }, (_, i) => row(i)), unresolvedTies: [] }],
          })
        : json(response, 200, { items: [], nextCursor: null }),
    );
    const reader = client(server.url);
    const standings = await reader.standings('t-1', caller);
    expect(standings.ok && standings.value.groups[0].rows).toHaveLength(MAX_STANDINGS_ROWS);
    await reader.matches('t/1', { limit: 5, status: 'finished', cursor: 'abc' }, caller);
    expect(server.hits[1].path).toBe('/api/v1/tournaments/t%2F1/matches?limit=5&cursor=abc&status=finished');
  });
});
