import type { AppConfig } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import type { TournamentConfig } from '../config/tournament.config';
import type { Match } from './match.model';
import type { MatchResultsService } from './match-results.service';
import type { MatchesRepository } from './matches.repository';
import { ResultSweeper } from './result-sweeper';

describe('ResultSweeper', () => {
  it('handles each due match on its own: one that fails is skipped and the rest are confirmed', async () => {
    const due = ['broken', 'next', 'last'].map((id) => ({ id }) as Match);
    const confirmed: string[] = [];
    const matches = strictFake<MatchesRepository>('matches', {
      dueForConfirmation: async () => due,
      dueForReminder: async () => [],
    });
    const results = strictFake<MatchResultsService>('results', {
      confirmOverdue: async (matchId) => {
        if (matchId === 'broken') throw new Error('cannot confirm');
        confirmed.push(matchId);
      },
    });
    const config = strictFake<AppConfig<TournamentConfig>>('config', {
      get: ((key: keyof TournamentConfig) =>
        key === 'MATCH_REMINDER_LEAD_HOURS' ? 24 : 1000) as AppConfig<TournamentConfig>['get'],
    });
    const sweeper = new ResultSweeper(
      matches,
      results,
      strictFake('teamsOfMatch'),
      strictFake('transactions'),
      config,
      strictFake('clock', { now: () => new Date(0) }),
    );
    await sweeper.sweep();
    expect(confirmed).toEqual(['next', 'last']);
  });
});
