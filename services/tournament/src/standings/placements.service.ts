import { Injectable } from '@nestjs/common';
import type { Actor } from '@prodvor/platform';
import {
  bracketPlacements,
  groupsPlayoffPlacements,
  type PlacementTable,
  type Placements,
  tablePlacements,
} from '../domain';
import { CLOSED_STATUSES, MatchesRepository } from '../matches/matches.repository';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentAccess } from '../tournaments/tournament-access';
import { TournamentCache } from '../tournaments/tournament-cache';
import { bracketOf, optionsOf } from '../tournaments/tournament-settings';
import type { PlacementsDto } from './placements.dto';
import { type StandingsTable, standingsTables } from './standings-tables';
import { teamDisplay } from '../public-images/team-display';

const TABLE_STAGES = new Set(['league', 'group', 'swiss']);

export type ViewableTournament = Awaited<ReturnType<TournamentAccess['viewable']>>;

function placementTable(table: StandingsTable): PlacementTable {
  return { rows: table.rows, ties: table.unresolvedTies };
}

/** Final (or provisional) placements of a tournament, cached like the standings until it changes. */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly access: TournamentAccess,
    private readonly matches: MatchesRepository,
    private readonly teams: TeamViewsRepository,
    private readonly cache: TournamentCache,
  ) {}

  async placements(tournamentId: string, actor: Actor | undefined): Promise<PlacementsDto> {
    return this.ofTournament(await this.access.viewable(tournamentId, actor));
  }

  /** The placements of a tournament the caller may see (cached until the tournament changes). */
  ofTournament(tournament: ViewableTournament): Promise<PlacementsDto> {
    return this.cache.read(tournament.id, 'placements', async () => {
      const placements = await this.compute(tournament);
      const teams = await this.teams.displays(placements.rows.map((r) => r.teamId));
      return {
        tournamentId: tournament.id,
        format: tournament.format,
        // A cancelled tournament decided nothing for good, whatever had been played.
        final: placements.final && tournament.status !== 'cancelled',
        rows: placements.rows.map((r) => ({ ...r, teamName: r.teamId, ...teamDisplay(teams.get(r.teamId)) })),
      };
    });
  }

  /** The domain placements for the tournament's format. */
  async compute(tournament: ViewableTournament): Promise<Placements> {
    const bracket = bracketOf(tournament);
    if (tournament.format === 'single_elimination' || tournament.format === 'double_elimination')
      return bracket ? bracketPlacements(bracket) : { rows: [], final: false };
    const matches = await this.matches.ofTournament(tournament.id);
    const events = await this.matches.eventsOfTournament(tournament.id);
    const tableMatches = matches.filter((m) => TABLE_STAGES.has(m.stage));
    const tablesDone = tableMatches.every((m) => CLOSED_STATUSES.includes(m.status));
    const tables = standingsTables(tournament, tableMatches, events);
    if (tournament.format === 'groups_playoffs') {
      if (!bracket) return { rows: [], final: false };
      const advancePerGroup = optionsOf(tournament).advancePerGroup ?? 0;
      return groupsPlayoffPlacements(bracket, tables.map(placementTable), advancePerGroup, tablesDone);
    }
    // League and Swiss: a Swiss table is complete only once every round was played (the tournament finished).
    const complete = tournament.format === 'swiss' ? tournament.status === 'finished' : tablesDone;
    return tables[0] ? tablePlacements(placementTable(tables[0]), complete) : { rows: [], final: false };
  }
}
