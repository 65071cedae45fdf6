import { Injectable } from '@nestjs/common';
import { Clock } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';
import { eloDeltas, INITIAL_RATING } from '../domain';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import type { RatingChangeDto, TeamRatingDto } from './rating.dto';
import { RatingErrors } from './rating.errors';
import { type RatingChangeRecord, type RatingChangeView, RatingsRepository } from './ratings.repository';

const RECENT_CHANGES = 10;

/** What the rating reads of a match row. */
export interface RatableMatch {
  id: string;
  status: string;
  homeTeamId: string | null;
  awayTeamId: string | null;
  homeScore: number | null;
  awayScore: number | null;
  forfeitedBy: string | null;
}

/** A final result as the rating sees it. */
interface RatedResult {
  homeTeamId: string;
  awayTeamId: string;
  homeGoals: number;
  awayGoals: number;
  forfeitedBy: 'home' | 'away' | null;
}

/**
 * Elo team ratings from final results (confirmed or forfeited, in any tournament: public or private,
 * league or knockout; never a cancelled match). {@link syncMatch} runs in the transaction that changes
 * a result, so a result and its rating change commit together; it is idempotent per match and
 * reversible: the stored change of a match is reverted (its delta subtracted, later results keep
 * theirs) when the result stops counting or changes, and a changed result is rated anew.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly ratings: RatingsRepository,
    private readonly teams: TeamViewsRepository,
    private readonly clock: Clock,
  ) {}

  /** Brings the match's rating change in line with its current result (caller holds the match row lock). */
  async syncMatch(tx: Tx, match: RatableMatch): Promise<void> {
    const result = ratedResultOf(match);
    const existing = await this.ratings.changesOfMatch(tx, match.id);
    if (existing.length === 0 && !result) return;
    if (result && sameResult(existing, result)) return; // a repeated final result is rated once
    const teamIds = [...existing.map((c) => c.teamId), ...(result ? [result.homeTeamId, result.awayTeamId] : [])];
    const locked = await this.ratings.lockTeams(tx, teamIds);
    const now = this.clock.now();
    for (const change of existing) {
      const team = locked.get(change.teamId)!;
      team.rating -= change.delta;
      team.matchesRated -= 1;
    }
    if (existing.length > 0) await this.ratings.removeChanges(tx, match.id);
    if (result) {
      const home = locked.get(result.homeTeamId)!;
      const away = locked.get(result.awayTeamId)!;
      const deltas = eloDeltas({
        homeRating: home.rating,
        awayRating: away.rating,
        homeGoals: result.homeGoals,
        awayGoals: result.awayGoals,
        forfeitedBy: result.forfeitedBy,
      });
      const base = { matchId: match.id, createdAt: now };
      const changes: RatingChangeRecord[] = [
        {
          ...base,
          teamId: home.teamId,
          opponentId: away.teamId,
          goalsFor: result.homeGoals,
          goalsAgainst: result.awayGoals,
          forfeit: result.forfeitedBy !== null,
          delta: deltas.home,
          ratingBefore: home.rating,
          ratingAfter: home.rating + deltas.home,
        },
        {
          ...base,
          teamId: away.teamId,
          opponentId: home.teamId,
          goalsFor: result.awayGoals,
          goalsAgainst: result.homeGoals,
          forfeit: result.forfeitedBy !== null,
          delta: deltas.away,
          ratingBefore: away.rating,
          ratingAfter: away.rating + deltas.away,
        },
      ];
      await this.ratings.addChanges(tx, changes);
      for (const c of changes) {
        const team = locked.get(c.teamId)!;
        team.rating = c.ratingAfter;
        team.matchesRated += 1;
      }
    }
    for (const team of locked.values()) await this.ratings.save(tx, { ...team, updatedAt: now });
  }

  /** Current ratings for seeding (unrated teams are absent: they count as the initial rating). */
  ratingsOf(tx: Tx, teamIds: readonly string[]): Promise<Map<string, number>> {
    return this.ratings.ratingsOf(teamIds, tx);
  }

  /** A team known to this service: its rating (1500 and no rank while unrated) and its last changes. */
  async teamRating(teamId: string): Promise<TeamRatingDto> {
    const [rating, known] = await Promise.all([this.ratings.find(teamId), this.teams.displays([teamId])]);
    if (!rating && !known.has(teamId)) throw RatingErrors.teamNotFound();
    const rated = rating !== null && rating.matchesRated > 0;
    return {
      teamId,
      rating: rating?.rating ?? INITIAL_RATING,
      matchesRated: rating?.matchesRated ?? 0,
      ...(rated ? { rank: await this.ratings.rankOf(rating.rating) } : {}),
      recentChanges: rated ? (await this.ratings.recentChanges(teamId, RECENT_CHANGES)).map(toChangeDto) : [],
    };
  }
}

function ratedResultOf(match: RatableMatch): RatedResult | null {
  if (match.status !== 'confirmed' && match.status !== 'forfeited') return null;
  if (!match.homeTeamId || !match.awayTeamId || match.homeScore === null || match.awayScore === null) return null;
  return {
    homeTeamId: match.homeTeamId,
    awayTeamId: match.awayTeamId,
    homeGoals: match.homeScore,
    awayGoals: match.awayScore,
    forfeitedBy: !match.forfeitedBy ? null : match.forfeitedBy === match.homeTeamId ? 'home' : 'away',
  };
}

/** Whether the stored change rated exactly this result (same teams, score and forfeit). */
function sameResult(existing: readonly RatingChangeRecord[], result: RatedResult): boolean {
  const home = existing.find((c) => c.teamId === result.homeTeamId);
  return (
    existing.length === 2 &&
    home !== undefined &&
    home.opponentId === result.awayTeamId &&
    home.goalsFor === result.homeGoals &&
    home.goalsAgainst === result.awayGoals &&
    home.forfeit === (result.forfeitedBy !== null) &&
    existing.some((c) => c.teamId === result.awayTeamId)
  );
}

function toChangeDto(change: RatingChangeView): RatingChangeDto {
  const outcome =
    change.goalsFor > change.goalsAgainst ? 'win' : change.goalsFor < change.goalsAgainst ? 'loss' : 'draw';
  return {
    ...(change.publicTournament ? { matchId: change.matchId, opponentId: change.opponentId } : {}),
    outcome,
    goalsFor: change.goalsFor,
    goalsAgainst: change.goalsAgainst,
    forfeit: change.forfeit,
    delta: change.delta,
    ratingBefore: change.ratingBefore,
    ratingAfter: change.ratingAfter,
    at: change.createdAt.toISOString(),
  };
}
