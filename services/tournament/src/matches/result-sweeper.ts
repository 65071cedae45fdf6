import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig, Clock } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { TransactionRunner } from '../database/transaction-runner';
import type { Match } from './match.model';
import { MatchResultsService } from './match-results.service';
import { MatchesRepository } from './matches.repository';
import { MatchTeamsNotifier } from './match-teams-notifier';

const BATCH = 100;

/**
 * Due work on a timer: results nobody answered within the window are confirmed, and the members of
 * both teams are reminded of a match once, a configurable time before kick-off.
 */
@Injectable()
export class ResultSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ResultSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly matches: MatchesRepository,
    private readonly results: MatchResultsService,
    private readonly teamsOfMatch: MatchTeamsNotifier,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig<TournamentConfig>,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn({ err: error }, 'sweep failed; will retry'));
    }, this.config.get('TOURNAMENT_SWEEP_INTERVAL_MS'));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  async sweep(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.run().finally(() => (this.running = undefined));
    await this.running;
  }

  private async run(): Promise<void> {
    const now = this.clock.now();
    for (const match of await this.matches.dueForConfirmation(now, BATCH)) {
      await this.isolated(match.id, 'auto-confirmation', () =>
        this.results.confirmOverdue(match.id, `sweep-${match.id}`),
      );
    }
    const until = new Date(now.getTime() + this.config.get('MATCH_REMINDER_LEAD_HOURS') * 3_600_000);
    for (const match of await this.matches.dueForReminder(until, BATCH)) {
      await this.isolated(match.id, 'reminder', () => this.remind(match, now));
    }
  }

  /** One match's failure is logged and skipped, so it never holds back the matches after it. */
  private async isolated(matchId: string, work: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.logger.error({ err: error, matchId }, `${work} failed for match ${matchId}; skipped this sweep`);
    }
  }

  private async remind(match: Match, now: Date): Promise<void> {
    await this.transactions.run(async (tx) => {
      if (!(await this.matches.markReminded(tx, match.id, now))) return;
      const startsAt = match.startsAt!.toISOString();
      await this.teamsOfMatch.notify(tx, match, {
        kind: 'match_reminder',
        title: `Match at ${startsAt.slice(11, 16)} UTC on ${startsAt.slice(0, 10)}`,
        body: 'Your team plays soon.',
      });
    });
  }
}
