import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { processTestIdentity } from '@prodvor/testing';

/**
 * A STAND-IN for tournament-service in ai-service tests — not the real service. It serves the slice
 * of the tournament HTTP contract ai-service reads (tournament, standings, matches, one match) from memory and
 * applies the same visibility rule: a private tournament is visible to its organizer and admins, and
 * answers 404 to everybody else. Callers are identified like the platform does it: by a bearer token
 * whose RS256 signature is checked against the test identity's key (claims headers are ignored). Every request is recorded so tests can assert whose
 * identity ai-service forwarded. The lead may replace it with the real tournament-service.
 */
export interface StandInTournament {
  id: string;
  name: string;
  organizerId: string;
  visibility: 'public' | 'private';
  description?: string;
  standings: { teamId: string; teamName: string; points: number; won: number; drawn: number; lost: number }[];
  matches: {
    id: string;
    homeTeamName: string;
    awayTeamName: string;
    status: string;
    homeScore?: number;
    awayScore?: number;
  }[];
}

export interface RecordedRequest {
  path: string;
  /** Who the stand-in decided the caller is (undefined: no or invalid identity). */
  callerId?: string;
  headers: IncomingHttpHeaders;
  status: number;
}

export interface TournamentServiceStandIn {
  url: string;
  requests: RecordedRequest[];
  add(tournament: StandInTournament): void;
  /** Answer every request with this status (e.g. 503) until called with undefined. */
  failWith(status: number | undefined): void;
  stop(): Promise<void>;
}

interface Caller {
  id: string;
  roles: string[];
}

function claimsCaller(claims: { sub?: unknown; realm_access?: { roles?: unknown } }): Caller | undefined {
  if (typeof claims.sub !== 'string') return undefined;
  const roles = Array.isArray(claims.realm_access?.roles) ? (claims.realm_access.roles as string[]) : [];
  return { id: claims.sub, roles };
}

function identify(headers: IncomingHttpHeaders, publicJwk?: JsonWebKey): Caller | undefined {
  const bearer = /^Bearer (.+)\.(.+)\.(.+)$/.exec(headers.authorization ?? '');
  if (!bearer || !publicJwk) return undefined;
  const [, header, payload, signature] = bearer;
  const key = createPublicKey({ key: publicJwk, format: 'jwk' });
  const valid = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
  return valid ? claimsCaller(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object) : undefined;
}

/** `publicJwk`: the key tokens are checked with (default: the test process's key, `newUser()`'s tokens). */
export async function startTournamentServiceStandIn(
  options: { publicJwk?: JsonWebKey } = {},
): Promise<TournamentServiceStandIn> {
  const publicJwk = options.publicJwk ?? (await processTestIdentity()).publicJwk;
  const tournaments = new Map<string, StandInTournament>();
  const requests: RecordedRequest[] = [];
  let failure: number | undefined;

  const answer = (path: string, caller: Caller | undefined): [number, unknown] => {
    if (failure) return [failure, { code: 'STAND_IN_FAILURE' }];
    if (!caller) return [401, { code: 'UNAUTHENTICATED' }];
    const canSee = (t: StandInTournament) =>
      t.visibility === 'public' || t.organizerId === caller.id || caller.roles.includes('admin');
    const single = /^\/api\/v1\/matches\/([^/?]+)$/.exec(path);
    if (single) {
      const id = decodeURIComponent(single[1]);
      const owner = [...tournaments.values()].find((t) => t.matches.some((m) => m.id === id));
      const found = owner && canSee(owner) ? owner.matches.find((m) => m.id === id) : undefined;
      if (!owner || !found) return [404, { code: 'MATCH_NOT_FOUND' }];
      return [
        200,
        { tournamentId: owner.id, fixtureKey: 'R1-1', stage: 'league', round: 1, lastSequence: 0, ...found },
      ];
    }
    const match = /^\/api\/v1\/tournaments\/([^/?]+)(\/standings|\/matches)?(\?.*)?$/.exec(path);
    const tournament = match && tournaments.get(decodeURIComponent(match[1]));
    const visible = tournament && canSee(tournament);
    if (!match || !tournament || !visible) return [404, { code: 'TOURNAMENT_NOT_FOUND' }];
    const { standings, matches, ...rest } = tournament;
    if (match[2] === '/standings') {
      const rows = standings.map((row, i) => ({
        position: i + 1,
        played: row.won + row.drawn + row.lost,
        goalsFor: 0,
        goalsAgainst: 0,
        goalDifference: 0,
        fairPlay: 0,
        form: ['W'],
        ...row,
      }));
      return [
        200,
        {
          tournamentId: tournament.id,
          tieBreakers: ['points', 'goal_difference', 'goals_for'],
          groups: [{ group: null, rows, unresolvedTies: [] }],
        },
      ];
    }
    if (match[2] === '/matches') {
      const limit = Number(new URLSearchParams(match[3]?.slice(1)).get('limit') ?? 20);
      const items = matches.slice(0, limit).map((m, i) => ({
        tournamentId: tournament.id,
        fixtureKey: `R1-${i + 1}`,
        lastSequence: 0,
        stage: 'league',
        round: 1,
        group: null,
        homeTeamId: null,
        awayTeamId: null,
        startsAt: '2026-11-20T10:00:00.000Z',
        homeScore: null,
        awayScore: null,
        ...m,
      }));
      return [200, { items, nextCursor: null }];
    }
    return [
      200,
      {
        ...rest,
        format: 'round_robin',
        sportFormat: '5x5',
        status: 'in_progress',
        startsAt: '2026-11-01T10:00:00Z',
        endsAt: '2026-11-30T18:00:00Z',
        registrationOpensAt: '2026-10-01T10:00:00Z',
        registrationClosesAt: '2026-10-25T10:00:00Z',
        checkInRequired: false,
        minTeams: 2,
        maxTeams: 8,
        rules: { points: { win: 3, draw: 1, loss: 0, forfeit: 0 }, matchMinutes: 50, periods: 2 },
        options: {},
        venues: [],
        createdAt: '2026-09-30T10:00:00Z',
      },
    ];
  };

  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    const caller = identify(request.headers, publicJwk);
    const [status, body] = request.method === 'GET' ? answer(path, caller) : [405, {}];
    requests.push({ path, callerId: caller?.id, headers: request.headers, status });
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    add: (tournament) => tournaments.set(tournament.id, tournament),
    failWith: (status) => {
      failure = status;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
