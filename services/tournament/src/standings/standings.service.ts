import { Injectable } from '@nestjs/common';
import { type Actor, EventPublisher } from '@prodvor/platform';
import { randomInt } from 'node:crypto';
import { leaderboard, type PlayerMetric, playerStats, teamStats } from '../domain';
import { TransactionRunner } from '../database/transaction-runner';
import { TournamentProgress } from '../matches/tournament-progress';
import type { Tournament } from '../tournaments/tournament.model';
import { MatchLineupsRepository } from '../match-events/match-lineups.repository';
import { MatchesRepository } from '../matches/matches.repository';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentAccess } from '../tournaments/tournament-access';
import { TournamentCache } from '../tournaments/tournament-cache';
import { TournamentErrors } from '../tournaments/tournament.errors';
import { lotsOf, rulesOf } from '../tournaments/tournament-settings';
import { TournamentsRepository } from '../tournaments/tournaments.repository';
import { statsInputs } from './player-stats';
import { StandingsErrors } from './standings.errors';
import type { DrawLotsDto, LeaderboardsDto, StandingsDto } from './standings.dto';
import { LEAGUE_TABLE, standingsTables } from './standings-tables';
import { teamDisplay } from '../public-images/team-display';
import { explainTies } from './tie-explanations';

const METRICS: PlayerMetric[] = ['goals', 'assists', 'yellowCards', 'redCards', 'cleanSheets', 'matchesPlayed'];

/** Tables and leaderboards, computed from counted results and cached until the tournament changes. */
@Injectable()
export class StandingsService {
  constructor(
    private readonly access: TournamentAccess,
    private readonly tournaments: TournamentsRepository,
    private readonly matches: MatchesRepository,
    private readonly lineups: MatchLineupsRepository,
    private readonly teams: TeamViewsRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly progress: TournamentProgress,
    private readonly cache: TournamentCache,
  ) {}

  async standings(tournamentId: string, actor: Actor | undefined): Promise<StandingsDto> {
    // A cache hit reads no row: the access check has its facts cached in the same scope.
    await this.access.assertViewable(tournamentId, actor);
    return this.cache.read(tournamentId, 'standings', async () => {
      const tournament = await this.tournaments.findById(tournamentId);
      if (!tournament) throw TournamentErrors.notFound();
      return this.computeStandings(tournament);
    });
  }

  /** Uncached computation (the benchmark compares both). */
  async computeStandings(tournament: Tournament): Promise<StandingsDto> {
    const matches = await this.matches.ofTournament(tournament.id);
    const events = await this.matches.eventsOfTournament(tournament.id);
    const tables = standingsTables(tournament, matches, events);
    const teams = await this.teams.displays(tables.flatMap((t) => t.rows.map((r) => r.teamId)));
    const { tieBreakers } = rulesOf(tournament);
    const nameOf = (teamId: string) => teams.get(teamId)?.name ?? teamId;
    return {
      tournamentId: tournament.id,
      tieBreakers,
      groups: tables.map((t) => {
        const ties = explainTies(tieBreakers, t.tieBreaks, t.unresolvedTies, nameOf);
        return {
          group: t.group,
          unresolvedTies: t.unresolvedTies,
          rows: t.rows.map((r) => ({
            ...r,
            ...teamDisplay(teams.get(r.teamId)),
            ...(ties.has(r.teamId) ? { tieBreak: ties.get(r.teamId) } : {}),
          })),
        };
      }),
    };
  }

  async leaderboards(tournamentId: string, limit: number, actor: Actor | undefined): Promise<LeaderboardsDto> {
    await this.access.viewable(tournamentId, actor);
    return this.cache.read(tournamentId, `leaderboards:${limit}`, async () => {
      const [matches, events, lineups] = await Promise.all([
        this.matches.ofTournament(tournamentId),
        this.matches.eventsOfTournament(tournamentId),
        this.lineups.ofTournament(tournamentId),
      ]);
      const { scores, statEvents, appearances } = statsInputs(matches, events, lineups);
      const players = playerStats(statEvents, appearances, scores);
      const teamRows = teamStats(scores, statEvents);
      const names = await this.teams.names([
        ...new Set([...players.map((p) => p.teamId), ...teamRows.map((t) => t.teamId)]),
      ]);
      const named = <T extends { teamId: string }>(row: T) => ({
        ...row,
        ...(names.has(row.teamId) ? { teamName: names.get(row.teamId) } : {}),
      });
      const boards = Object.fromEntries(
        METRICS.map((metric) => [metric, leaderboard(players, metric, limit).map(named)]),
      );
      return {
        tournamentId,
        ...(boards as Record<PlayerMetric, LeaderboardsDto['goals']>),
        teams: teamRows.map(({ biggestWin: _biggestWin, ...row }) => named(row)),
      };
    });
  }

  /**
   * Records the drawing of lots for a table: the given order, or one drawn here with a CSPRNG. Only
   * for a tie nothing else separates, and only once: the record is kept, so the table stays the same
   * afterwards; a finished group may then seed the playoff.
   */
  async drawLots(actor: Actor, tournamentId: string, dto: DrawLotsDto): Promise<StandingsDto> {
    const key = dto.group ?? LEAGUE_TABLE;
    await this.transactions.run(async (tx) => {
      const tournament = await this.access.lockOrganized(tx, tournamentId, actor);
      if (lotsOf(tournament)[key]) throw StandingsErrors.lotsAlreadyDrawn(key);
      const matches = await this.matches.ofTournament(tournamentId, tx);
      const events = await this.matches.eventsOfTournament(tournamentId);
      const table = standingsTables(tournament, matches, events).find((t) => t.key === key);
      if (!table) throw TournamentErrors.invalidFormatOptions(`no table '${key}' in this tournament`);
      if (!rulesOf(tournament).tieBreakers.includes('drawing_of_lots'))
        throw StandingsErrors.noTieForLots(key, 'drawing_of_lots is not one of the tie-breakers');
      if (table.unresolvedTies.length === 0)
        throw StandingsErrors.noTieForLots(key, 'every team is separated by the other tie-breakers');
      const teamIds = table.rows.map((r) => r.teamId);
      let order = dto.order;
      if (order && (order.length !== teamIds.length || order.some((t) => !teamIds.includes(t))))
        throw TournamentErrors.invalidFormatOptions("order must list exactly the table's teams");
      order ??= shuffle(teamIds);
      const lots = { ...lotsOf(tournament), [key]: order };
      const updated = await this.tournaments.update(tx, tournamentId, { lots: lots });
      await this.events.publish(
        tx,
        'tournament.standings.changed',
        { tournamentId, ...(dto.group ? { group: dto.group } : {}) },
        actor.correlationId,
      );
      await this.progress.seedPlayoffWhenGroupsAreDone(tx, updated, actor.correlationId);
    });
    await this.cache.invalidate(tournamentId);
    return this.standings(tournamentId, actor);
  }
}

function shuffle(ids: readonly string[]): string[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
