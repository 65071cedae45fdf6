import { Injectable } from '@nestjs/common';
import { publicImageLinks } from '@prodvor/contracts';
import { type Actor, cursorAfter, type Page, toPage, UserProfiles } from '@prodvor/platform';
import { z } from 'zod';
import { playerStats } from '../domain';
import { PlacementsService, type ViewableTournament } from '../standings/placements.service';
import { statsInputs } from '../standings/player-stats';
import { teamDisplay } from '../public-images/team-display';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentAccess } from '../tournaments/tournament-access';
import { CareerErrors } from './career.errors';
import type {
  CareerPlacementDto,
  CareerQueryDto,
  PlayerCareerDto,
  PlayerCareerTournamentDto,
  TeamCareerDto,
  TeamCareerTournamentDto,
} from './career.dto';
import {
  emptyRecord,
  playedFor,
  type PlayerRecord,
  playerRecord,
  type ResultRecord,
  sumRecords,
  teamRecord,
} from './career-records';
import { CareersRepository } from './careers.repository';

/** The most recent tournaments a career covers (totals included): a bound on the work of one request. */
export const CAREER_MAX_TOURNAMENTS = 200;

const careerCursor = z.object({ startsAt: z.string().datetime(), id: z.string().uuid() });

interface Season<R> {
  tournament: ViewableTournament;
  record: R;
  placement?: CareerPlacementDto;
}

/**
 * Careers of teams and players across tournaments: counted matches only, in the tournaments the
 * caller may see (a private one counts only for those who may see it, and is otherwise left out as
 * if it did not exist). Placements come from the cached placements of finished tournaments.
 */
@Injectable()
export class CareersService {
  constructor(
    private readonly careers: CareersRepository,
    private readonly access: TournamentAccess,
    private readonly placements: PlacementsService,
    private readonly teams: TeamViewsRepository,
    private readonly players: UserProfiles,
  ) {}

  async teamCareer(teamId: string, query: CareerQueryDto, actor: Actor | undefined): Promise<TeamCareerDto> {
    const team = (await this.teams.displays([teamId])).get(teamId);
    if (!team) throw CareerErrors.teamNotFound();
    const { tournaments, matches } = await this.careers.teamMatches(teamId, CAREER_MAX_TOURNAMENTS);
    const { scores } = statsInputs(matches, [], []);
    const seasons: Season<ResultRecord>[] = [];
    for (const tournament of await this.visible(tournaments, actor)) {
      const own = new Set(matches.filter((m) => m.tournamentId === tournament.id).map((m) => m.id));
      const record = teamRecord(
        teamId,
        scores.filter((s) => own.has(s.matchId)),
      );
      seasons.push({ tournament, record, ...(await this.placementOf(tournament, teamId)) });
    }
    const page = this.page(query, seasons, (s): TeamCareerTournamentDto => ({ ...season(s), ...s.record }));
    return {
      teamId,
      teamName: team.name,
      ...teamDisplay(team),
      totals: {
        ...sumRecords(
          seasons.map((s) => s.record),
          emptyRecord(),
        ),
        ...counts(seasons),
      },
      ...page,
    };
  }

  async playerCareer(userId: string, query: CareerQueryDto, actor: Actor | undefined): Promise<PlayerCareerDto> {
    const profile = (await this.players.profiles([userId])).get(userId);
    const records = await this.careers.playerRecords(userId, CAREER_MAX_TOURNAMENTS);
    const seasons: Season<PlayerRecord>[] = [];
    for (const tournament of await this.visible(records.tournaments, actor)) {
      const matches = records.matches.filter((m) => m.tournamentId === tournament.id);
      const ids = new Set(matches.map((m) => m.id));
      const { scores, statEvents, appearances } = statsInputs(
        matches,
        records.events.filter((e) => ids.has(e.matchId)),
        records.lineups.filter((l) => ids.has(l.matchId)),
      );
      const stats = playerStats(statEvents, appearances, scores).filter((r) => r.playerId === userId);
      const record = playerRecord(stats, scores, playedFor(userId, appearances, statEvents));
      const placement = record.teamId ? await this.placementOf(tournament, record.teamId) : {};
      seasons.push({ tournament, record, ...placement });
    }
    const names = await this.teams.names(seasons.flatMap((s) => (s.record.teamId ? [s.record.teamId] : [])));
    const page = this.page(query, seasons, (s): PlayerCareerTournamentDto => {
      const { teamId, ...record } = s.record;
      return {
        ...season(s),
        ...record,
        ...(teamId ? { teamId, ...(names.has(teamId) ? { teamName: names.get(teamId) } : {}) } : {}),
      };
    });
    const { teamId: _teamId, ...totals } = sumRecords(
      seasons.map((s) => s.record),
      { ...emptyRecord(), appearances: 0, goals: 0, assists: 0, yellowCards: 0, redCards: 0, teamId: null },
    );
    return {
      userId,
      ...(profile?.displayName ? { displayName: profile.displayName } : {}),
      ...(profile?.avatarMediaId ? { avatar: publicImageLinks('avatar', profile.avatarMediaId) } : {}),
      totals: { ...totals, ...counts(seasons) },
      ...page,
    };
  }

  /** The tournaments the caller may see, in the given (newest first) order. */
  private async visible(tournaments: ViewableTournament[], actor: Actor | undefined): Promise<ViewableTournament[]> {
    const seen: ViewableTournament[] = [];
    for (const tournament of tournaments) if (await this.access.canView(tournament, actor)) seen.push(tournament);
    return seen;
  }

  /** The team's final place in a finished tournament. */
  private async placementOf(
    tournament: ViewableTournament,
    teamId: string,
  ): Promise<{ placement?: CareerPlacementDto }> {
    if (tournament.status !== 'finished') return {};
    const placements = await this.placements.ofTournament(tournament);
    const row = placements.final ? placements.rows.find((r) => r.teamId === teamId) : undefined;
    return row ? { placement: { place: row.place, placeLabel: row.placeLabel } } : {};
  }

  private page<R, Item>(query: CareerQueryDto, seasons: Season<R>[], map: (s: Season<R>) => Item): Page<Item> {
    const after = cursorAfter(query.cursor, careerCursor);
    const rest = after
      ? seasons.filter(({ tournament: t }) => {
          const at = t.startsAt.toISOString();
          return at < after.startsAt || (at === after.startsAt && t.id < after.id);
        })
      : seasons;
    return toPage(
      rest.slice(0, query.limit + 1),
      query.limit,
      (s) => ({ startsAt: s.tournament.startsAt.toISOString(), id: s.tournament.id }),
      map,
    );
  }
}

function season<R>(s: Season<R>) {
  const t = s.tournament;
  return {
    tournamentId: t.id,
    name: t.name,
    startsAt: t.startsAt.toISOString(),
    endsAt: t.endsAt.toISOString(),
    status: t.status,
    ...(s.placement ? { placement: s.placement } : {}),
  };
}

function counts(seasons: Season<unknown>[]) {
  return {
    tournaments: seasons.length,
    titles: seasons.filter((s) => s.placement?.placeLabel === '1').length,
  };
}
