import { Injectable } from '@nestjs/common';
import type { Actor } from '@prodvor/platform';
import ical, { type ICalCalendar } from 'ical-generator';
import type { Match } from '../matches/match.model';
import { MatchesRepository } from '../matches/matches.repository';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentAccess } from '../tournaments/tournament-access';
import { TournamentCache } from '../tournaments/tournament-cache';
import { venuesOf, type Venue } from '../tournaments/tournament-settings';

/** A team's feed covers its next (and recent) matches; a subscription refreshes it. */
const TEAM_FEED_LIMIT = 500;

/** iCalendar feeds (RFC 5545) of scheduled matches, for calendar apps that subscribe without a token. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly access: TournamentAccess,
    private readonly matches: MatchesRepository,
    private readonly teams: TeamViewsRepository,
    private readonly cache: TournamentCache,
  ) {}

  async tournamentFeed(tournamentId: string, actor: Actor | undefined): Promise<string> {
    const tournament = await this.access.viewable(tournamentId, actor);
    return this.cache.read(tournamentId, 'ical', async () => {
      const matches = (await this.matches.ofTournament(tournamentId)).filter(
        (m) => m.startsAt && m.status !== 'cancelled',
      );
      const calendar = ical({ name: tournament.name, prodId: { company: 'ProDvor', product: 'tournament-service' } });
      await this.addMatches(
        calendar,
        matches,
        () => tournament.name,
        () => venuesOf(tournament),
      );
      return calendar.toString();
    });
  }

  /** Matches of public tournaments (and, for a caller who may see them, private ones too). */
  async teamFeed(teamId: string, actor: Actor | undefined): Promise<string> {
    const rows = await this.matches.scheduledForTeam(teamId, TEAM_FEED_LIMIT);
    const visible: typeof rows = [];
    for (const row of rows) {
      if (row.status === 'cancelled') continue;
      if (row.tournament.visibility === 'public') visible.push(row);
      else if (
        await this.access.viewable(row.tournamentId, actor).then(
          () => true,
          () => false,
        )
      )
        visible.push(row);
    }
    const names = await this.teams.names([teamId]);
    const calendar = ical({
      name: `${names.get(teamId) ?? 'Team'} — matches`,
      prodId: { company: 'ProDvor', product: 'tournament-service' },
    });
    await this.addMatches(
      calendar,
      visible,
      (m) => (m as (typeof rows)[number]).tournament.name,
      () => [],
    );
    return calendar.toString();
  }

  private async addMatches(
    calendar: ICalCalendar,
    matches: Match[],
    tournamentName: (m: Match) => string,
    venues: () => Venue[],
  ): Promise<void> {
    const ids = matches.flatMap((m) => [m.homeTeamId, m.awayTeamId]).filter((t): t is string => !!t);
    const names = await this.teams.names([...new Set(ids)]);
    const name = (id: string | null) => (id ? (names.get(id) ?? 'TBD') : 'TBD');
    const places = new Map(venues().flatMap((v) => v.pitches.map((p) => [p.id, `${v.name}, ${p.name}`])));
    for (const m of matches) {
      calendar.createEvent({
        id: `${m.id}@prodvor`,
        start: m.startsAt!,
        end: m.endsAt ?? m.startsAt!,
        summary: `${name(m.homeTeamId)} – ${name(m.awayTeamId)}`,
        description: `${tournamentName(m)}, ${m.stage} round ${m.round}${m.homeScore !== null ? ` — ${m.homeScore}:${m.awayScore}` : ''}`,
        ...(m.pitchId && places.has(m.pitchId) ? { location: places.get(m.pitchId) } : {}),
      });
    }
  }
}
