import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { Match, MatchEvent, MatchLineup } from '../matches/match.model';
import { FINAL_STATUSES } from '../matches/matches.repository';
import type { Tournament } from '../tournaments/tournament.model';

/** The matches, events and lineups a player's career is computed from (counted matches only). */
export interface PlayerCareerRecords {
  matches: Match[];
  events: MatchEvent[];
  lineups: MatchLineup[];
}

/** Reads across tournaments for careers: counted matches of a team or a player, newest tournaments first. */
@Injectable()
export class CareersRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Counted (confirmed or forfeited) matches of the team in at most `maxTournaments` tournaments, newest first. */
  async teamMatches(teamId: string, maxTournaments: number): Promise<{ tournaments: Tournament[]; matches: Match[] }> {
    const played = { status: { in: FINAL_STATUSES }, OR: [{ homeTeamId: teamId }, { awayTeamId: teamId }] };
    const tournaments = await this.prisma.tournament.findMany({
      where: { matches: { some: played } },
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      take: maxTournaments,
    });
    const matches = await this.prisma.match.findMany({
      where: { ...played, tournamentId: { in: tournaments.map((t) => t.id) } },
    });
    return { tournaments, matches };
  }

  /**
   * Counted matches the player took part in (in a lineup, or named in an event: scorer, assist, card,
   * coming on) in at most `maxTournaments` tournaments, newest first, with every event of those
   * matches (corrections void earlier ones) and the player's lineup rows.
   */
  async playerRecords(
    userId: string,
    maxTournaments: number,
  ): Promise<{ tournaments: Tournament[] } & PlayerCareerRecords> {
    const involved = {
      status: { in: FINAL_STATUSES },
      OR: [
        { lineups: { some: { playerId: userId } } },
        { events: { some: { OR: [{ playerId: userId }, { assistId: userId }, { playerInId: userId }] } } },
      ],
    };
    const tournaments = await this.prisma.tournament.findMany({
      where: { matches: { some: involved } },
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      take: maxTournaments,
    });
    const matches = await this.prisma.match.findMany({
      where: { ...involved, tournamentId: { in: tournaments.map((t) => t.id) } },
    });
    const matchIds = matches.map((m) => m.id);
    const [events, lineups] = await Promise.all([
      this.prisma.matchEvent.findMany({ where: { matchId: { in: matchIds } }, orderBy: { sequence: 'asc' } }),
      this.prisma.matchLineup.findMany({ where: { matchId: { in: matchIds }, playerId: userId } }),
    ]);
    return { tournaments, matches, events, lineups };
  }
}
