import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { INITIAL_RATING } from '../domain';
import { PrismaClient } from '../generated/prisma/client';

export interface TeamRatingRecord {
  teamId: string;
  rating: number;
  matchesRated: number;
  updatedAt: Date;
}

/** One final result's effect on one team's rating. */
export interface RatingChangeRecord {
  matchId: string;
  teamId: string;
  opponentId: string;
  goalsFor: number;
  goalsAgainst: number;
  /** The result was awarded by a forfeit (the forfeiting side has the fewer goals). */
  forfeit: boolean;
  delta: number;
  ratingBefore: number;
  ratingAfter: number;
  createdAt: Date;
}

/** A change with whether its tournament is public (a private tournament's match is not named on public pages). */
export interface RatingChangeView extends RatingChangeRecord {
  publicTournament: boolean;
}

/** Team ratings and the change each final result made (the only code that touches those tables). */
@Injectable()
export class RatingsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Locks the teams' rating rows, one at a time in team-id order (so two matches sharing a team never
   * deadlock), creating missing rows at the initial rating first.
   */
  async lockTeams(tx: Tx, teamIds: readonly string[]): Promise<Map<string, TeamRatingRecord>> {
    const locked = new Map<string, TeamRatingRecord>();
    for (const teamId of [...new Set(teamIds)].sort()) {
      await tx.$executeRaw`
        INSERT INTO team_ratings (team_id, rating, matches_rated)
        VALUES (${teamId}::uuid, ${INITIAL_RATING}, 0) ON CONFLICT (team_id) DO NOTHING`;
      const rows = await tx.$queryRaw<{ rating: number; matches_rated: number; updated_at: Date }[]>`
        SELECT rating, matches_rated, updated_at FROM team_ratings WHERE team_id = ${teamId}::uuid FOR UPDATE`;
      const row = rows[0];
      locked.set(teamId, { teamId, rating: row.rating, matchesRated: row.matches_rated, updatedAt: row.updated_at });
    }
    return locked;
  }

  async save(tx: Tx, rating: TeamRatingRecord): Promise<void> {
    await tx.teamRating.update({
      where: { teamId: rating.teamId },
      data: { rating: rating.rating, matchesRated: rating.matchesRated, updatedAt: rating.updatedAt },
    });
  }

  changesOfMatch(tx: Tx, matchId: string): Promise<RatingChangeRecord[]> {
    return tx.ratingChange.findMany({ where: { matchId }, orderBy: { teamId: 'asc' } });
  }

  async addChanges(tx: Tx, changes: readonly RatingChangeRecord[]): Promise<void> {
    await tx.ratingChange.createMany({ data: [...changes] });
  }

  async removeChanges(tx: Tx, matchId: string): Promise<void> {
    await tx.ratingChange.deleteMany({ where: { matchId } });
  }

  find(teamId: string): Promise<TeamRatingRecord | null> {
    return this.prisma.teamRating.findUnique({ where: { teamId } });
  }

  /** Current ratings of the teams that have one. */
  async ratingsOf(teamIds: readonly string[], tx: Tx = this.prisma): Promise<Map<string, number>> {
    const rows = await tx.teamRating.findMany({ where: { teamId: { in: [...teamIds] } } });
    return new Map(rows.map((r) => [r.teamId, r.rating]));
  }

  /** 1 + the number of rated teams (at least one match) rated higher: equal ratings share a rank. */
  async rankOf(rating: number): Promise<number> {
    return 1 + (await this.prisma.teamRating.count({ where: { matchesRated: { gt: 0 }, rating: { gt: rating } } }));
  }

  async recentChanges(teamId: string, limit: number): Promise<RatingChangeView[]> {
    const rows = await this.prisma.ratingChange.findMany({
      where: { teamId },
      include: { match: { select: { tournament: { select: { visibility: true } } } } },
      orderBy: [{ createdAt: 'desc' }, { matchId: 'desc' }],
      take: limit,
    });
    return rows.map(({ match, ...change }) => ({
      ...change,
      publicTournament: match.tournament.visibility === 'public',
    }));
  }
}
