import { Injectable } from '@nestjs/common';
import type { Actor } from '@prodvor/platform';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { isAdmin, isOrganizerOf, TournamentAccess } from '../tournaments/tournament-access';
import { TournamentsRepository } from '../tournaments/tournaments.repository';
import { WebhookErrors } from './webhook.errors';
import type { WebhookOwner } from './webhook.model';

/** Who manages a tournament's webhooks (its organizer, or an admin) and a team's (its captain, or an admin). */
@Injectable()
export class WebhookOwnerAccess {
  constructor(
    private readonly access: TournamentAccess,
    private readonly tournaments: TournamentsRepository,
    private readonly teams: TeamViewsRepository,
  ) {}

  /** The owner named by a request; a stranger gets the tournament's 404/403 or WEBHOOK_NOT_CAPTAIN. */
  async manage(actor: Actor, ids: { tournamentId?: string; teamId?: string }): Promise<WebhookOwner> {
    if (Boolean(ids.tournamentId) === Boolean(ids.teamId)) throw WebhookErrors.ownerRequired();
    if (ids.tournamentId) {
      await this.access.organized(ids.tournamentId, actor);
      return { kind: 'tournament', id: ids.tournamentId };
    }
    const owner: WebhookOwner = { kind: 'team', id: ids.teamId! };
    if (!(await this.manages(actor, owner))) throw WebhookErrors.notCaptain();
    return owner;
  }

  async manages(actor: Actor, owner: WebhookOwner): Promise<boolean> {
    if (isAdmin(actor)) return true;
    if (owner.kind === 'tournament') {
      const tournament = await this.tournaments.findById(owner.id);
      return tournament !== null && isOrganizerOf(tournament, actor);
    }
    return (await this.teams.roleOf(owner.id, actor.userId)) === 'captain';
  }
}
