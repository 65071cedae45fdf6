import { Injectable } from '@nestjs/common';
import { type Actor, cursorAfter, idCursor, type Page, toPage } from '@prodvor/platform';
import { teamDisplay, type TeamDisplay } from '../public-images/team-display';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentAccess } from '../tournaments/tournament-access';
import { TournamentCache } from '../tournaments/tournament-cache';
import type { ListMatchesQueryDto, MatchDto } from './dto/match.dto';
import { MatchContext } from './match-context';
import type { Match } from './match.model';
import { MatchesRepository } from './matches.repository';

/** Names (and logos) of the teams come from `teams`; without it a match carries ids only. */
export function toMatchDto(m: Match, teams: Map<string, TeamDisplay> = new Map()): MatchDto {
  const opt = <T>(value: T | null, wrap: (v: T) => object) => (value === null ? {} : wrap(value));
  return {
    id: m.id,
    tournamentId: m.tournamentId,
    fixtureKey: m.fixtureKey,
    stage: m.stage,
    round: m.round,
    ...opt(m.leg, (leg) => ({ leg })),
    ...opt(m.groupName, (group) => ({ group })),
    homeTeamId: m.homeTeamId,
    awayTeamId: m.awayTeamId,
    ...opt(m.homeTeamId, (id) => side('home', teams.get(id))),
    ...opt(m.awayTeamId, (id) => side('away', teams.get(id))),
    status: m.status,
    ...opt(m.startsAt, (d) => ({ startsAt: d.toISOString() })),
    ...opt(m.endsAt, (d) => ({ endsAt: d.toISOString() })),
    ...opt(m.venueId, (venueId) => ({ venueId })),
    ...opt(m.pitchId, (pitchId) => ({ pitchId })),
    ...opt(m.refereeId, (refereeId) => ({ refereeId })),
    ...opt(m.homeScore, (homeScore) => ({ homeScore })),
    ...opt(m.awayScore, (awayScore) => ({ awayScore })),
    ...opt(m.winnerTeamId, (winnerTeamId) => ({ winnerTeamId })),
    ...opt(m.homePenalties, (homePenalties) => ({ homePenalties })),
    ...opt(m.awayPenalties, (awayPenalties) => ({ awayPenalties })),
    ...opt(m.forfeitedBy, (forfeitedBy) => ({ forfeitedBy })),
    ...opt(m.reportedBy, (reportedBy) => ({ reportedBy })),
    ...opt(m.confirmBy, (d) => ({ confirmBy: d.toISOString() })),
    ...opt(m.disputeReason, (disputeReason) => ({ disputeReason })),
    lastSequence: m.lastSequence,
  };
}

@Injectable()
export class MatchQueriesService {
  constructor(
    private readonly context: MatchContext,
    private readonly matches: MatchesRepository,
    private readonly access: TournamentAccess,
    private readonly teams: TeamViewsRepository,
    private readonly cache: TournamentCache,
  ) {}

  async get(matchId: string, actor: Actor | undefined): Promise<MatchDto> {
    const { match } = await this.context.viewable(matchId, actor);
    return this.withNames([match]).then(([dto]) => dto);
  }

  /** Fixtures and results of a tournament; the unfiltered first page is cached. */
  async list(tournamentId: string, query: ListMatchesQueryDto, actor: Actor | undefined): Promise<Page<MatchDto>> {
    await this.access.viewable(tournamentId, actor);
    const load = async () => {
      // The id is checked (a uuid compared in SQL); a cursor without a numeric round restarts the list as before.
      const after = cursorAfter(query.cursor, idCursor.passthrough());
      const rows = await this.matches.list(tournamentId, {
        status: query.status,
        teamId: query.teamId,
        round: query.round,
        group: query.group,
        after: after && typeof after.round === 'number' ? { round: after.round, id: after.id } : undefined,
        limit: query.limit + 1,
      });
      const page = toPage(rows, query.limit, (m) => ({ round: m.round, id: m.id }));
      return { items: await this.withNames(page.items), nextCursor: page.nextCursor };
    };
    const plain = !query.cursor && !query.status && !query.teamId && !query.round && !query.group;
    return plain ? this.cache.read(tournamentId, `matches:${query.limit}`, load) : load();
  }

  private async withNames(matches: Match[]): Promise<MatchDto[]> {
    const ids = matches.flatMap((m) => [m.homeTeamId, m.awayTeamId]).filter((t): t is string => !!t);
    const teams = await this.teams.displays([...new Set(ids)]);
    return matches.map((m) => toMatchDto(m, teams));
  }
}

function side(which: 'home' | 'away', team: TeamDisplay | undefined): object {
  const display: { teamName?: string; teamLogo?: object } = teamDisplay(team);
  return {
    ...(display.teamName !== undefined ? { [`${which}TeamName`]: display.teamName } : {}),
    ...(display.teamLogo !== undefined ? { [`${which}TeamLogo`]: display.teamLogo } : {}),
  };
}
