import { Injectable } from '@nestjs/common';
import type { MatchEvent } from '@prodvor/contracts';
import { AppConfig, CacheService, cacheKey, DomainError } from '@prodvor/platform';
import { z } from 'genkit';
import type { AiConfig } from '../config/ai.config';
import { AiRuntime } from '../genkit/ai-runtime';
import { generateStructured } from '../genkit/structured';
import { AiUsageService } from '../usage/ai-usage.service';
import { MatchEventsStore } from './match-events.store';

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

/** What stands after corrections: events voided by a later `correction` are dropped. */
export function effectiveEvents(events: MatchEvent[]): MatchEvent[] {
  const voided = new Set(events.flatMap((e) => (e.kind === 'correction' ? [e.correctsSequence] : [])));
  return events.filter((e) => e.kind !== 'correction' && !voided.has(e.sequence));
}

function playersOf(events: MatchEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.kind === 'goal') [e.scorerId, e.assistId].forEach((id) => id && ids.add(id));
    if (e.kind === 'yellow_card' || e.kind === 'second_yellow' || e.kind === 'red_card') ids.add(e.playerId);
    if (e.kind === 'substitution') [e.playerInId, e.playerOutId].forEach((id) => ids.add(id));
  }
  return ids;
}

export const reportCacheKey = (matchId: string, language: string) => cacheKey('match-report', matchId, language);

/** A short report of a finished match, cached per match and language, rebuilt after a correction. */
@Injectable()
export class MatchReportService {
  constructor(
    private readonly runtime: AiRuntime,
    private readonly usage: AiUsageService,
    private readonly events: MatchEventsStore,
    private readonly cache: CacheService,
    private readonly config: AppConfig<AiConfig>,
  ) {}

  async report(userId: string, matchId: string, language: 'ru' | 'en'): Promise<MatchReport & { cached: boolean }> {
    const cached = await this.cache.get<MatchReport>(reportCacheKey(matchId, language));
    if (cached) return { ...cached, cached: true };
    const all = await this.events.list(matchId);
    if (all.length === 0) throw new DomainError('AI_MATCH_NOT_FOUND', 404, 'No events are known for this match');
    if (!all.some((e) => e.kind === 'final_whistle'))
      throw new DomainError('AI_MATCH_NOT_FINISHED', 422, 'A report can be written once the match has finished');
    const ai = this.runtime.require();
    await this.usage.consume(userId);
    const events = effectiveEvents(all);
    const players = playersOf(events);
    const report = await generateStructured(ai, {
      flow: 'match-report',
      instructions: `Write a short, factual report of an amateur football match in ${language === 'ru' ? 'Russian' : 'English'}: a headline, a summary, up to ten key moments with their minute, and a player of the match chosen from the players in the events (use their playerId).`,
      data: { matchId, events },
      schema: matchReportSchema,
      check: (r) =>
        r.playerOfTheMatch.playerId && !players.has(r.playerOfTheMatch.playerId)
          ? 'playerOfTheMatch.playerId must be one of the players in the events'
          : undefined,
      timeoutMs: this.config.get('AI_TIMEOUT_MS'),
      onUsage: this.usage.record,
    });
    await this.cache.set(reportCacheKey(matchId, language), report, this.config.get('AI_REPORT_CACHE_TTL_MS'));
    return { ...report, cached: false };
  }

  async forget(matchId: string): Promise<void> {
    await this.cache.invalidate(reportCacheKey(matchId, 'ru'), reportCacheKey(matchId, 'en'));
  }
}
