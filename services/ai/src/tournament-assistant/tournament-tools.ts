import type { ActionContext, Genkit, ToolAction } from 'genkit';
import { z } from 'genkit';
import {
  matchPageSchema,
  MAX_MATCHES_PAGE,
  standingsSchema,
  tournamentSchema,
  type CallerHeaders,
  type Read,
  type TournamentReader,
} from '../tournament-service/tournament-service.client';

export const TOURNAMENT_TOOL_NAMES = ['getTournament', 'getStandings', 'listMatches'] as const;
export type TournamentToolName = (typeof TOURNAMENT_TOOL_NAMES)[number];

/** Set by the flow for its tools: whose identity they read as, and the tournament the request is about. */
export const TOOL_SCOPE = 'tournamentTools';
const scopeSchema = z.object({
  caller: z.record(z.string()),
  tournamentId: z.string().uuid(),
});
export type ToolScope = z.infer<typeof scopeSchema>;

function scopeOf(context: ActionContext): ToolScope {
  const parsed = scopeSchema.safeParse(context[TOOL_SCOPE]);
  if (!parsed.success) throw new Error('tournament tools run only inside the tournament assistant flow');
  return parsed.data;
}

const NOT_VISIBLE =
  'Not found, or not visible to the person asking. Tell them you cannot see this tournament; do not guess.';

/** What a tool answers for another tournament than the one the question is about: nothing is read. */
const OTHER_TOURNAMENT = {
  visible: false,
  note: 'Only the tournament this question is about can be read. Say you cannot answer about another tournament.',
};

const tournamentRef = {
  tournamentId: z
    .string()
    .uuid()
    .optional()
    .describe('Leave out: only the tournament the question is about can be read.'),
};

const visibility = { visible: z.boolean(), note: z.string().optional() };

type Outcome<K extends string, T> = { visible: boolean; note?: string } & { [P in K]?: T };

function outcome<T, K extends string>(read: Read<T>, key: K): Outcome<K, T> {
  const result: Record<string, unknown> = read.ok
    ? { visible: true, [key]: read.value }
    : read.reason === 'not_visible'
      ? { visible: false, note: NOT_VISIBLE }
      : { visible: true, note: 'tournament-service refused this filter or cursor; try without it.' };
  return result as Outcome<K, T>;
}

/**
 * The assistant's tools. Inputs are checked against their zod schemas before a tool runs. Every
 * read goes to tournament-service with the caller's identity, so it answers only what the caller
 * may see, and only for the request's tournament (which the service checked the caller organizes):
 * another tournament id — say, one a question talked the model into — reads nothing.
 */
export function defineTournamentTools(ai: Genkit, tournaments: TournamentReader): ToolAction[] {
  /** The request's tournament with the caller's identity, or nothing for any other tournament id. */
  const target = (input: { tournamentId?: string }, context: ActionContext): [string, CallerHeaders] | undefined => {
    const scope = scopeOf(context);
    if (input.tournamentId && input.tournamentId !== scope.tournamentId) return undefined;
    return [scope.tournamentId, scope.caller];
  };
  const getTournament = ai.defineTool(
    {
      name: 'getTournament',
      description:
        'The tournament: name, format, sport format, status, dates, team limits and rules (points, tie-breakers).',
      inputSchema: z.object(tournamentRef),
      outputSchema: z.object({ ...visibility, tournament: tournamentSchema.optional() }),
    },
    async (input, { context }) => {
      const scoped = target(input, context);
      if (!scoped) return OTHER_TOURNAMENT;
      const [id, caller] = scoped;
      return outcome(await tournaments.tournament(id, caller), 'tournament');
    },
  );
  const getStandings = ai.defineTool(
    {
      name: 'getStandings',
      description: 'Current standings per group: position, team, played, won, drawn, lost, goals, points, form.',
      inputSchema: z.object(tournamentRef),
      outputSchema: z.object({ ...visibility, standings: standingsSchema.optional() }),
    },
    async (input, { context }) => {
      const scoped = target(input, context);
      if (!scoped) return OTHER_TOURNAMENT;
      const [id, caller] = scoped;
      return outcome(await tournaments.standings(id, caller), 'standings');
    },
  );
  const listMatches = ai.defineTool(
    {
      name: 'listMatches',
      description:
        'Fixtures and results, one page at a time (pass nextCursor back as cursor for the next page). Optional status filter, e.g. scheduled or finished.',
      inputSchema: z.object({
        ...tournamentRef,
        status: z
          .string()
          .regex(/^[a-z_]{1,20}$/)
          .optional(),
        limit: z.number().int().min(1).max(MAX_MATCHES_PAGE).default(20),
        cursor: z.string().max(200).optional(),
      }),
      outputSchema: z.object({ ...visibility, matches: matchPageSchema.optional() }),
    },
    async (input, { context }) => {
      const scoped = target(input, context);
      if (!scoped) return OTHER_TOURNAMENT;
      const [id, caller] = scoped;
      const query = { limit: input.limit, cursor: input.cursor, status: input.status };
      return outcome(await tournaments.matches(id, query, caller), 'matches');
    },
  );
  return [getTournament, getStandings, listMatches];
}
