import { createCallPolicy, DomainError, PlatformErrorCode, type CallPolicy } from '@prodvor/platform';
import type { Registry } from 'prom-client';
import { z } from 'zod';

// The tournament-service HTTP contract as this service reads it. This is the one place to adjust
// field names when services/tournament changes; unknown extra fields are dropped, not forwarded.

const text = (max: number) => z.string().transform((value) => value.slice(0, max));
const when = z.string().nullish();

export const tournamentSchema = z.object({
  id: z.string(),
  name: text(200),
  organizerId: z.string(),
  description: text(1_000).nullish(),
  format: z.string(),
  sportFormat: z.string().nullish(),
  visibility: z.string(),
  status: z.string(),
  startsAt: when,
  endsAt: when,
  registrationOpensAt: when,
  registrationClosesAt: when,
  minTeams: z.number().nullish(),
  maxTeams: z.number().nullish(),
  /** Points, tie-breakers, match length: what "rules" questions are answered from. */
  rules: z.record(z.unknown()).nullish(),
  options: z.record(z.unknown()).nullish(),
});
export type TournamentView = z.infer<typeof tournamentSchema>;

export const MAX_STANDINGS_GROUPS = 32;
export const MAX_STANDINGS_ROWS = 64;

const standingsRowSchema = z.object({
  position: z.number(),
  teamId: z.string(),
  /** Absent while tournament-service has not learnt the team's name (its team read model lags). */
  teamName: text(120).nullish(),
  played: z.number(),
  won: z.number(),
  drawn: z.number(),
  lost: z.number(),
  goalsFor: z.number(),
  goalsAgainst: z.number(),
  goalDifference: z.number(),
  points: z.number(),
  fairPlay: z.number().nullish(),
  /** Recent results as letters, oldest first, e.g. ['W', 'D', 'L']. */
  form: z.array(z.string()).nullish(),
  /** Swiss tournaments only. */
  score: z.number().nullish(),
  buchholz: z.number().nullish(),
});
export const standingsSchema = z.object({
  tournamentId: z.string(),
  /** The tie-breakers in the order applied. */
  tieBreakers: z.array(z.string()).max(20).nullish(),
  groups: z
    .array(
      z.object({
        group: z.string().nullable(),
        rows: z.array(standingsRowSchema).transform((rows) => rows.slice(0, MAX_STANDINGS_ROWS)),
        unresolvedTies: z.array(z.array(z.string())).nullish(),
      }),
    )
    .transform((groups) => groups.slice(0, MAX_STANDINGS_GROUPS)),
});
export type StandingsView = z.infer<typeof standingsSchema>;

export const MAX_MATCHES_PAGE = 50;

export const matchSchema = z.object({
  id: z.string(),
  tournamentId: z.string(),
  stage: z.string().nullish(),
  round: z.number().nullish(),
  leg: z.number().nullish(),
  group: z.string().nullish(),
  homeTeamId: z.string().nullish(),
  awayTeamId: z.string().nullish(),
  homeTeamName: text(120).nullish(),
  awayTeamName: text(120).nullish(),
  status: z.string(),
  startsAt: when,
  homeScore: z.number().nullish(),
  awayScore: z.number().nullish(),
  winnerTeamId: z.string().nullish(),
});
export const matchPageSchema = z.object({
  items: z.array(matchSchema).transform((items) => items.slice(0, MAX_MATCHES_PAGE)),
  nextCursor: z.string().nullish(),
});
export type MatchPageView = z.infer<typeof matchPageSchema>;
export type MatchView = z.infer<typeof matchSchema>;

export interface MatchQuery {
  limit: number;
  cursor?: string;
  status?: string;
}

/**
 * Identity headers sent with every call so tournament-service applies the caller's own visibility
 * (`Authorization: Bearer …`: the caller's own access token, which tournament-service verifies itself).
 */
export type CallerHeaders = Record<string, string>;

/** `not_visible`: 401/403/404 — missing, or not the caller's to see. `rejected`: 400/422 (bad filter or cursor). */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: 'not_visible' | 'rejected' };

export interface TournamentReader {
  tournament(id: string, caller: CallerHeaders): Promise<Read<TournamentView>>;
  standings(id: string, caller: CallerHeaders): Promise<Read<StandingsView>>;
  matches(id: string, query: MatchQuery, caller: CallerHeaders): Promise<Read<MatchPageView>>;
  /** One match, visible when its tournament is. */
  match(matchId: string, caller: CallerHeaders): Promise<Read<MatchView>>;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function boundedJson(response: Response): Promise<unknown> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new Error(`answer of ${declared} bytes is over the limit`);
  const body = await response.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new Error('answer is over the size limit');
  return JSON.parse(body) as unknown;
}

/** Reads tournaments from tournament-service as the caller, through one call policy (timeout, retries, breaker). */
export class TournamentServiceClient implements TournamentReader {
  private readonly policy: CallPolicy;

  constructor(
    private readonly baseUrl: string,
    options: { timeoutMs: number; registry?: Registry; retries?: number; backoffMs?: number },
  ) {
    this.policy = createCallPolicy({
      name: 'tournament-service',
      timeoutMs: options.timeoutMs,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs,
      breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
      registry: options.registry,
    });
  }

  tournament(id: string, caller: CallerHeaders): Promise<Read<TournamentView>> {
    return this.get(`/api/v1/tournaments/${encodeURIComponent(id)}`, caller, tournamentSchema);
  }

  standings(id: string, caller: CallerHeaders): Promise<Read<StandingsView>> {
    return this.get(`/api/v1/tournaments/${encodeURIComponent(id)}/standings`, caller, standingsSchema);
  }

  matches(id: string, query: MatchQuery, caller: CallerHeaders): Promise<Read<MatchPageView>> {
    const search = new URLSearchParams({ limit: String(query.limit) });
    if (query.cursor) search.set('cursor', query.cursor);
    if (query.status) search.set('status', query.status);
    return this.get(
      `/api/v1/tournaments/${encodeURIComponent(id)}/matches?${search.toString()}`,
      caller,
      matchPageSchema,
    );
  }

  match(matchId: string, caller: CallerHeaders): Promise<Read<MatchView>> {
    return this.get(`/api/v1/matches/${encodeURIComponent(matchId)}`, caller, matchSchema);
  }

  private async get<S extends z.ZodTypeAny>(path: string, caller: CallerHeaders, schema: S): Promise<Read<z.infer<S>>> {
    const unavailable = (detail: string) =>
      new DomainError(PlatformErrorCode.DEPENDENCY_UNAVAILABLE, 503, `tournament-service ${detail}`);
    // Refusals are answers, not failures: they are neither retried nor counted by the breaker.
    const answer = await this.policy.execute(async (signal) => {
      let response: Response;
      try {
        // No redirects: the caller's identity headers go to tournament-service and nowhere else.
        response = await fetch(new URL(path, this.baseUrl), {
          headers: { ...caller, accept: 'application/json' },
          redirect: 'error',
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw error;
        throw unavailable('is unreachable');
      }
      if (!response.ok) {
        await response.body?.cancel();
        if (response.status >= 500) throw unavailable(`answered ${response.status}`);
        return { status: response.status, body: undefined };
      }
      const body = await boundedJson(response).catch(() => {
        throw unavailable('answered an unreadable body');
      });
      return { status: response.status, body };
    });
    if ([401, 403, 404].includes(answer.status)) return { ok: false, reason: 'not_visible' };
    if (answer.status >= 400) return { ok: false, reason: 'rejected' };
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) throw unavailable('answered in an unexpected shape');
    return { ok: true, value: parsed.data as z.infer<S> };
  }
}
