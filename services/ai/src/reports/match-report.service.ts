import { Inject, Injectable } from '@nestjs/common';
import type { MatchEvent } from '@prodvor/contracts';
import { AppConfig, CacheService, cacheKey, DomainError } from '@prodvor/platform';
import { TOURNAMENT_READER } from '../tournament-service/tournament-service.module';
import type { AiConfig } from '../config/ai.config';
import { AiRuntime, notConfigured } from '../genkit/ai-runtime';
import type { CallerHeaders, TournamentReader } from '../tournament-service/tournament-service.client';
import { AiUsageService } from '../usage/ai-usage.service';
import { MatchEventsStore } from './match-events.store';
import { defineMatchReportFlow, MAX_REPORT_EVENTS, type MatchReport } from './match-report.flow';

/** What stands after corrections: events voided by a later `correction` are dropped. */
export function effectiveEvents(events: MatchEvent[]): MatchEvent[] {
  const voided = new Set(events.flatMap((e) => (e.kind === 'correction' ? [e.correctsSequence] : [])));
  return events.filter((e) => e.kind !== 'correction' && !voided.has(e.sequence));
}

export const MatchReportErrorCode = {
  NOT_FOUND: 'AI_MATCH_NOT_FOUND',
  NOT_FINISHED: 'AI_MATCH_NOT_FINISHED',
  TOO_LONG: 'AI_MATCH_TOO_LONG',
} as const;

/**
 * Keyed by the last event sequence the report was written from: any later event (a correction
 * above all) makes a new key, so a report generated while a correction arrived is never served
 * for the corrected match. Reports of older sequences expire with their TTL.
 */
export const reportCacheKey = (matchId: string, language: string, lastSequence: number) =>
  cacheKey('match-report', matchId, language, lastSequence);

const notFound = () => new DomainError(MatchReportErrorCode.NOT_FOUND, 404, 'No match with this id is visible to you');

/**
 * A short report of a finished match, cached per match, language and last event, so it is rebuilt
 * (on the next request) after a correction.
 * Who may read it is tournament-service's decision: the match is read there as the caller first
 * (a private tournament's match is 404 to strangers), on every request, cached or not.
 */
@Injectable()
export class MatchReportService {
  private readonly flow?: ReturnType<typeof defineMatchReportFlow>;

  constructor(
    runtime: AiRuntime,
    private readonly usage: AiUsageService,
    private readonly events: MatchEventsStore,
    private readonly cache: CacheService,
    private readonly config: AppConfig<AiConfig>,
    @Inject(TOURNAMENT_READER) private readonly tournaments: TournamentReader,
  ) {
    if (runtime.configured)
      this.flow = defineMatchReportFlow(runtime.require(), {
        timeoutMs: config.get('AI_TIMEOUT_MS'),
        observer: usage.observer,
      });
  }

  async report(
    userId: string,
    caller: CallerHeaders,
    matchId: string,
    language: 'ru' | 'en',
  ): Promise<MatchReport & { cached: boolean }> {
    if (!this.flow) throw notConfigured();
    const match = await this.tournaments.match(matchId, caller);
    if (!match.ok) throw notFound();
    const all = await this.events.list(matchId);
    if (all.length === 0)
      throw new DomainError(MatchReportErrorCode.NOT_FINISHED, 422, 'No events of this match have arrived yet');
    const key = reportCacheKey(matchId, language, all[all.length - 1].sequence);
    const cached = await this.cache.get<MatchReport>(key);
    if (cached) return { ...cached, cached: true };
    if (!all.some((e) => e.kind === 'final_whistle'))
      throw new DomainError(
        MatchReportErrorCode.NOT_FINISHED,
        422,
        'A report can be written once the match has finished',
      );
    const events = effectiveEvents(all);
    if (events.length > MAX_REPORT_EVENTS)
      throw new DomainError(
        MatchReportErrorCode.TOO_LONG,
        422,
        `A report covers at most ${MAX_REPORT_EVENTS} events; this match has ${events.length}`,
      );
    const flow = this.flow;
    const { homeTeamId, awayTeamId, homeTeamName, awayTeamName, homeScore, awayScore } = match.value;
    const fixture = { homeTeamId, awayTeamId, homeTeamName, awayTeamName, homeScore, awayScore };
    const report = await this.usage.charged(userId, () => flow({ matchId, language, fixture, events }));
    await this.cache.set(key, report, this.config.get('AI_REPORT_CACHE_TTL_MS'));
    return { ...report, cached: false };
  }
}
