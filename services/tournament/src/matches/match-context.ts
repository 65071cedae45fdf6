import { Injectable } from '@nestjs/common';
import type { Actor } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { isOrganizerOf, TournamentAccess } from '../tournaments/tournament-access';
import { TournamentErrors } from '../tournaments/tournament.errors';
import type { Tournament } from '../tournaments/tournament.model';
import { TournamentsRepository } from '../tournaments/tournaments.repository';
import { MatchErrors } from './match.errors';
import type { Match } from './match.model';
import { MatchesRepository } from './matches.repository';

/** A locked match with its locked tournament and what the caller is to it. */
export interface MatchInContext {
  tournament: Tournament;
  match: Match;
  organizer: boolean;
  /** Which playing team the caller captains, if any. */
  side: 'home' | 'away' | null;
}

/**
 * Loads a match for a change: a caller who may not see the tournament gets 404; then the tournament
 * row and the match row are locked, in that order, for the rest of the transaction.
 */
@Injectable()
export class MatchContext {
  constructor(
    readonly matches: MatchesRepository,
    readonly tournaments: TournamentsRepository,
    private readonly access: TournamentAccess,
    private readonly teams: TeamViewsRepository,
  ) {}

  async viewable(matchId: string, actor: Actor | undefined): Promise<{ match: Match; tournament: Tournament }> {
    const match = await this.matches.findById(matchId);
    if (!match) throw MatchErrors.notFound();
    const tournament = await this.access.viewable(match.tournamentId, actor).catch(() => {
      throw MatchErrors.notFound();
    });
    return { match, tournament };
  }

  async lockForActor(tx: Tx, matchId: string, actor: Actor): Promise<MatchInContext> {
    const { match } = await this.viewable(matchId, actor);
    const locked = await this.lock(tx, match.tournamentId, matchId);
    return {
      ...locked,
      organizer: isOrganizerOf(locked.tournament, actor),
      side: await this.sideOf(locked.match, actor),
    };
  }

  async lockForSystem(tx: Tx, matchId: string): Promise<MatchInContext | null> {
    const match = await this.matches.findById(matchId, tx);
    if (!match) return null;
    return { ...(await this.lock(tx, match.tournamentId, matchId)), organizer: true, side: null };
  }

  private async lock(tx: Tx, tournamentId: string, matchId: string): Promise<{ tournament: Tournament; match: Match }> {
    const tournament = await this.tournaments.lockForUpdate(tx, tournamentId);
    if (!tournament) throw TournamentErrors.notFound();
    const match = await this.matches.lock(tx, matchId);
    if (!match) throw MatchErrors.notFound();
    return { tournament, match };
  }

  private async sideOf(match: Match, actor: Actor): Promise<'home' | 'away' | null> {
    if (match.homeTeamId && (await this.teams.roleOf(match.homeTeamId, actor.userId)) === 'captain') return 'home';
    if (match.awayTeamId && (await this.teams.roleOf(match.awayTeamId, actor.userId)) === 'captain') return 'away';
    return null;
  }
}
