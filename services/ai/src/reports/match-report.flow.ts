import { matchEventData, type MatchEvent } from '@prodvor/contracts';
import type { Genkit } from 'genkit';
import { z } from 'genkit';
import { generateStructured, type GenerationObserver } from '../genkit/structured';

/** Far above an amateur match (kick-off to final whistle is typically 20–80 events); bounds the prompt. */
export const MAX_REPORT_EVENTS = 300;

/** The fixture as tournament-service shows it: which team id is which name, and the recorded score. */
export const reportFixtureSchema = z.object({
  homeTeamId: z.string().nullish(),
  awayTeamId: z.string().nullish(),
  homeTeamName: z.string().max(120).nullish(),
  awayTeamName: z.string().max(120).nullish(),
  homeScore: z.number().int().nullish(),
  awayScore: z.number().int().nullish(),
});

export const matchReportInputSchema = z.object({
  matchId: z.string().uuid(),
  language: z.enum(['ru', 'en']),
  fixture: reportFixtureSchema.optional(),
  /** The events that stand after corrections, in sequence order. */
  events: z.array(matchEventData).max(MAX_REPORT_EVENTS),
});
export type MatchReportInput = z.infer<typeof matchReportInputSchema>;

export const matchReportSchema = z.object({
  headline: z.string().min(1).max(120),
  summary: z.string().min(1).max(1200),
  keyMoments: z.array(z.object({ minute: z.number().int().min(0).max(200), text: z.string().min(1).max(200) })).max(10),
  playerOfTheMatch: z.object({
    playerId: z.string().optional(),
    name: z.string().max(80),
    reason: z.string().max(300),
  }),
});
export type MatchReport = z.infer<typeof matchReportSchema>;

function playersOf(events: MatchEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.kind === 'goal') [e.scorerId, e.assistId].forEach((id) => id && ids.add(id));
    if (e.kind === 'yellow_card' || e.kind === 'second_yellow' || e.kind === 'red_card') ids.add(e.playerId);
    if (e.kind === 'substitution') [e.playerInId, e.playerOutId].forEach((id) => ids.add(id));
  }
  return ids;
}

/** The `matchReport` Genkit flow: a short report whose player of the match played in the events. */
export function defineMatchReportFlow(ai: Genkit, options: { timeoutMs: number; observer?: GenerationObserver }) {
  return ai.defineFlow(
    { name: 'matchReport', inputSchema: matchReportInputSchema, outputSchema: matchReportSchema },
    ({ matchId, language, fixture, events }) => {
      const players = playersOf(events);
      return generateStructured(ai, {
        flow: 'match-report',
        instructions: `Write a short, factual report of an amateur football match in ${language === 'ru' ? 'Russian' : 'English'}: a headline, a summary, up to ten key moments with their minute, and a player of the match chosen from the players in the events (use their playerId). Name teams as the fixture names them (its team ids match the events' teamId).`,
        data: { matchId, fixture, events },
        schema: matchReportSchema,
        check: (r) =>
          r.playerOfTheMatch.playerId && !players.has(r.playerOfTheMatch.playerId)
            ? 'playerOfTheMatch.playerId must be one of the players in the events'
            : undefined,
        timeoutMs: options.timeoutMs,
        ...options.observer,
      });
    },
  );
}
