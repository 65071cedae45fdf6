import { Injectable } from '@nestjs/common';
import { type AccountActor, CursorPaginationQueryDto, cursorAfter, type Page, toPage } from '@prodvor/platform';
import { z } from 'zod';
import { MatchTeamDto, MyMatchDto } from './dto/my-matches.dto';
import { teamLogo } from './dto/public-image.dto';
import type { HomeTeam } from './home.model';
import { MyTeamsService } from './my-teams.service';
import { HomeMatchesRepository, type TimedMatch } from './repositories/home-matches.repository';
import { HomeTeamsRepository } from './repositories/home-teams.repository';

const matchCursor = z.object({ at: z.string().datetime(), id: z.string().uuid() });

/**
 * Matches of the caller's teams that are not final, in tournaments that are not cancelled, ordered by start
 * and id. A match without a time yet is left out: it is not on anyone's calendar until it is scheduled.
 */
@Injectable()
export class MyMatchesService {
  constructor(
    private readonly myTeams: MyTeamsService,
    private readonly matches: HomeMatchesRepository,
    private readonly teams: HomeTeamsRepository,
  ) {}

  async list(actor: AccountActor, query: CursorPaginationQueryDto): Promise<Page<MyMatchDto>> {
    const after = cursorAfter(query.cursor, matchCursor);
    const mine = new Set((await this.myTeams.memberships(actor.userId)).map((m) => m.teamId));
    const rows = await this.matches.openMatchesOf(
      [...mine],
      query.limit + 1,
      after ? { startsAt: new Date(after.at), matchId: after.id } : undefined,
    );
    const teamIds = rows.flatMap((r) => [r.homeTeamId, r.awayTeamId]).filter((id): id is string => id !== null);
    const teams = await this.teams.teams([...new Set(teamIds)]);
    const placed = rows.flatMap((row) => {
      const my = myPlace(row, mine);
      return my ? [{ row, my }] : [];
    });
    return toPage(
      placed,
      query.limit,
      ({ row }) => ({ at: row.startsAt.toISOString(), id: row.matchId }),
      ({ row, my }) => toDto(row, my, teams),
    );
  }
}

function side(teamId: string | null, teams: Map<string, HomeTeam>): MatchTeamDto | null {
  if (!teamId) return null;
  const team = teams.get(teamId);
  return { teamId, name: team?.name ?? null, logo: teamLogo(team?.logoMediaId ?? null) };
}

interface Place {
  teamId: string;
  side: 'home' | 'away';
}

/** Which of my teams plays (the home one when both are mine). */
function myPlace(row: TimedMatch, mine: Set<string>): Place | null {
  if (row.homeTeamId !== null && mine.has(row.homeTeamId)) return { teamId: row.homeTeamId, side: 'home' };
  if (row.awayTeamId !== null && mine.has(row.awayTeamId)) return { teamId: row.awayTeamId, side: 'away' };
  return null;
}

function toDto(row: TimedMatch, my: Place, teams: Map<string, HomeTeam>): MyMatchDto {
  return {
    matchId: row.matchId,
    tournamentId: row.tournamentId,
    tournamentName: row.tournamentName,
    startsAt: row.startsAt.toISOString(),
    status: row.status,
    home: side(row.homeTeamId, teams),
    away: side(row.awayTeamId, teams),
    myTeamId: my.teamId,
    mySide: my.side,
    venueId: row.venueId,
    pitch: row.pitch,
  };
}
