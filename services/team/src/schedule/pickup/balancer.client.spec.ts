import { AppConfig, MetricsService } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TeamConfig } from '../../config/team.config';
import { BalancerClient } from './balancer.client';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** ai-service as the balancer client meets it: a stand-in whose answer each test chooses. */
describe('BalancerClient', () => {
  let server: Server;
  let handler: Handler;
  let calls: { authorization?: string; body: unknown }[];
  let client: BalancerClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        calls.push({ authorization: req.headers.authorization, body: JSON.parse(body || 'null') as unknown });
        handler(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    calls = [];
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = new AppConfig<TeamConfig>(
      { AI_SERVICE_URL: url, AI_SERVICE_TIMEOUT_MS: 200 } as TeamConfig,
      strictFake('schema'),
    );
    client = new BalancerClient(config, new MetricsService());
  });

  const answer =
    (status: number, body: unknown): Handler =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
  const players = [
    { id: 'a', skill: 7 },
    { id: 'b', skill: 3 },
  ];

  it('sends the players (every position, two teams) with the caller token and reads the sides', async () => {
    handler = answer(200, { teams: [{ players: [{ id: 'a' }] }, { players: [{ id: 'b' }] }], spread: 4 });
    await expect(client.split(players, 'Bearer t')).resolves.toEqual([['a'], ['b']]);
    expect(calls).toEqual([
      {
        authorization: 'Bearer t',
        body: {
          teamCount: 2,
          players: [
            { id: 'a', skill: 7, positions: ['GK', 'DF', 'MF', 'FW'] },
            { id: 'b', skill: 3, positions: ['GK', 'DF', 'MF', 'FW'] },
          ],
        },
      },
    ]);
  });

  it('answers 503 TEAM_EVENT_BALANCER_UNAVAILABLE on a refusal without retrying it', async () => {
    handler = answer(429, { code: 'RATE_LIMITED' });
    await expect(client.split(players, 'Bearer t')).rejects.toMatchObject({
      code: 'TEAM_EVENT_BALANCER_UNAVAILABLE',
      status: 503,
    });
    expect(calls).toHaveLength(1);
  });

  it('retries a 5xx once, then answers 503', async () => {
    handler = answer(500, {});
    await expect(client.split(players, 'Bearer t')).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(2);
  });

  it('answers 503 for an unexpected shape and for a slow answer', async () => {
    handler = answer(200, { teams: [{ players: [{ id: 'a' }] }] });
    await expect(client.split(players, 'Bearer t')).rejects.toMatchObject({ status: 503 });
    handler = (_req, res) => setTimeout(() => answer(200, {})(_req, res), 1_000);
    await expect(client.split(players, 'Bearer t')).rejects.toMatchObject({ status: 503 });
  });
});
