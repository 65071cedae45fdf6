import { Injectable } from '@nestjs/common';
import type { Actor } from '@prodvor/platform';
import { TournamentCache } from './tournament-cache';
import { TournamentErrors } from './tournament.errors';
import type { Tournament } from './tournament.model';
import { TournamentsRepository } from './tournaments.repository';

/** What deciding who may see a tournament needs from its row. */
type AccessFacts = Pick<Tournament, 'id' | 'visibility' | 'organizerId'>;

export function isAdmin(actor: Actor | undefined): boolean {
  return actor?.roles.includes('admin') ?? false;
}

export function isOrganizerOf(tournament: Pick<Tournament, 'organizerId'>, actor: Actor | undefined): boolean {
  return actor !== undefined && (tournament.organizerId === actor.userId || isAdmin(actor));
}

/**
 * Who may see and run a tournament. A private tournament is visible to its organizer, admins and the
 * members of its registered teams; to anybody else it does not exist (404).
 */
@Injectable()
export class TournamentAccess {
  constructor(
    private readonly tournaments: TournamentsRepository,
    private readonly cache: TournamentCache,
  ) {}

  async canView(tournament: AccessFacts, actor: Actor | undefined): Promise<boolean> {
    if (tournament.visibility === 'public' || isOrganizerOf(tournament, actor)) return true;
    return actor !== undefined && this.tournaments.isParticipantMember(tournament.id, actor.userId);
  }

  async viewable(tournamentId: string, actor: Actor | undefined): Promise<Tournament> {
    const tournament = await this.tournaments.findById(tournamentId);
    if (!tournament || !(await this.canView(tournament, actor))) throw TournamentErrors.notFound();
    return tournament;
  }

  /**
   * Same refusal as {@link viewable} for the cached public reads, without reading the tournament row: its
   * visibility and organizer come from the tournament's cache scope, which every committed change to the
   * tournament drops. Membership of a private tournament's teams is still checked live.
   */
  async assertViewable(tournamentId: string, actor: Actor | undefined): Promise<void> {
    const facts = await this.cache.read<AccessFacts>(tournamentId, 'access', async () => {
      const tournament = await this.tournaments.findById(tournamentId);
      // Thrown, not cached: an unknown id is looked up again next time.
      if (!tournament) throw TournamentErrors.notFound();
      return { id: tournament.id, visibility: tournament.visibility, organizerId: tournament.organizerId };
    });
    if (!(await this.canView(facts, actor))) throw TournamentErrors.notFound();
  }

  /** The tournament as its organizer (or an admin) sees it; others get 404 or 403 as they may know it exists. */
  async organized(tournamentId: string, actor: Actor): Promise<Tournament> {
    const tournament = await this.viewable(tournamentId, actor);
    if (!isOrganizerOf(tournament, actor)) throw TournamentErrors.notOrganizer();
    return tournament;
  }

  /** Same as {@link organized} but under the tournament row lock of `tx`. */
  async lockOrganized(
    tx: Parameters<TournamentsRepository['lockForUpdate']>[0],
    tournamentId: string,
    actor: Actor,
  ): Promise<Tournament> {
    await this.organized(tournamentId, actor);
    const locked = await this.tournaments.lockForUpdate(tx, tournamentId);
    if (!locked) throw TournamentErrors.notFound();
    return locked;
  }
}
