import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Clock,
  cursorAfter,
  EventPublisher,
  idCursor,
  IdGenerator,
  isUniqueViolation,
  type Page,
  toPage,
} from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { TournamentNotificationsPublisher } from '../events/tournament-notifications.publisher';
import { MatchResultsService } from '../matches/match-results.service';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { isOrganizerOf, TournamentAccess } from '../tournaments/tournament-access';
import { TournamentCache } from '../tournaments/tournament-cache';
import { TournamentErrors } from '../tournaments/tournament.errors';
import type { Tournament } from '../tournaments/tournament.model';
import { TournamentsRepository } from '../tournaments/tournaments.repository';
import type { ListRegistrationsQueryDto, RegistrationDto } from './dto/registration.dto';
import { InvitesService } from './invites.service';
import { RegistrationErrors } from './registration.errors';
import type { Registration } from './registration.model';
import { RegistrationsRepository } from './registrations.repository';

const CHECK_IN_OPENS_BEFORE_START_MS = 48 * 3_600_000;

function toDto(r: Registration, names: Map<string, string>): RegistrationDto {
  return {
    id: r.id,
    tournamentId: r.tournamentId,
    teamId: r.teamId,
    ...(names.has(r.teamId) ? { teamName: names.get(r.teamId) } : {}),
    status: r.status,
    ...(r.seed !== null ? { seed: r.seed } : {}),
    ...(r.groupName ? { group: r.groupName } : {}),
    ...(r.checkedInAt ? { checkedInAt: r.checkedInAt.toISOString() } : {}),
    createdAt: r.createdAt.toISOString(),
  };
}

/** Registration rules: captains register and check in, organizers approve or reject, either may withdraw. */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly registrations: RegistrationsRepository,
    private readonly tournaments: TournamentsRepository,
    private readonly access: TournamentAccess,
    private readonly teams: TeamViewsRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly notifications: TournamentNotificationsPublisher,
    private readonly results: MatchResultsService,
    private readonly invites: InvitesService,
    private readonly cache: TournamentCache,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async register(actor: Actor, tournamentId: string, teamId: string, inviteCode?: string): Promise<RegistrationDto> {
    await this.admit(actor, tournamentId, inviteCode);
    // Known before captaincy: a team created moments ago, not yet in this service's view of teams, is
    // "unknown (yet)", not a refusal of its captain.
    if (!(await this.teams.isActiveTeam(teamId))) throw RegistrationErrors.unknownTeam();
    await this.requireCaptain(teamId, actor);
    const registration = await this.transactions.run(async (tx) => {
      const tournament = await this.lock(tx, tournamentId);
      const now = this.clock.now();
      if (
        tournament.status !== 'registration' ||
        now < tournament.registrationOpensAt ||
        now >= tournament.registrationClosesAt
      )
        throw RegistrationErrors.closed();
      if (!(await this.teams.isActiveTeam(teamId, tx))) throw RegistrationErrors.unknownTeam();
      const existing = await this.registrations.find(tournamentId, teamId, tx);
      let saved: Registration;
      if (existing && existing.status !== 'withdrawn') throw RegistrationErrors.alreadyRegistered();
      if (existing) {
        saved = await this.registrations.update(tx, existing.id, {
          status: 'pending',
          decidedAt: null,
          checkedInAt: null,
        });
      } else {
        saved = await this.registrations
          .create(tx, { id: this.ids.id(), tournamentId, teamId, registeredBy: actor.userId })
          .catch((error: unknown) => {
            throw isUniqueViolation(error) ? RegistrationErrors.alreadyRegistered() : error;
          });
      }
      await this.events.publish(tx, 'tournament.team.registered', { tournamentId, teamId }, actor.correlationId);
      await this.notifications.queue(tx, [
        {
          userId: tournament.organizerId,
          kind: 'tournament_update',
          title: `New registration in ${tournament.name}`,
          body: 'A team asks to take part; approve or reject it.',
          data: { tournamentId, teamId },
        },
      ]);
      return saved;
    });
    await this.cache.invalidate(tournamentId);
    return toDto(registration, await this.teams.names([teamId]));
  }

  async list(actor: Actor, tournamentId: string, query: ListRegistrationsQueryDto): Promise<Page<RegistrationDto>> {
    await this.access.viewable(tournamentId, actor);
    const after = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.registrations.list(
      tournamentId,
      query.status,
      typeof after === 'string' ? after : undefined,
      query.limit + 1,
    );
    const names = await this.teams.names(rows.map((r) => r.teamId));
    return toPage(
      rows,
      query.limit,
      (r) => ({ id: r.id }),
      (r) => toDto(r, names),
    );
  }

  async decide(
    actor: Actor,
    tournamentId: string,
    teamId: string,
    decision: 'approved' | 'rejected',
    seed?: number,
  ): Promise<RegistrationDto> {
    const registration = await this.transactions.run(async (tx) => {
      const tournament = await this.access.lockOrganized(tx, tournamentId, actor);
      if (tournament.status !== 'registration') throw TournamentErrors.locked('Fixtures already exist');
      const current = await this.registrations.find(tournamentId, teamId, tx);
      if (!current) throw RegistrationErrors.notFound();
      if (current.status === 'withdrawn') throw RegistrationErrors.invalidState('The team withdrew');
      if (decision === 'approved' && current.status !== 'approved') {
        const approved = await this.registrations.count(tournamentId, 'approved', tx);
        if (approved >= tournament.maxTeams) throw RegistrationErrors.full(tournament.maxTeams);
      }
      const saved = await this.registrations.update(tx, current.id, {
        status: decision,
        decidedAt: this.clock.now(),
        ...(seed !== undefined ? { seed } : {}),
      });
      if (current.status !== decision) {
        const type = decision === 'approved' ? 'tournament.team.approved' : 'tournament.team.rejected';
        await this.events.publish(tx, type, { tournamentId, teamId }, actor.correlationId);
        await this.notifyCaptains(tx, tournament, teamId, `Registration ${decision}`);
      }
      return saved;
    });
    await this.cache.invalidate(tournamentId);
    return toDto(registration, await this.teams.names([teamId]));
  }

  async checkIn(actor: Actor, tournamentId: string, teamId: string): Promise<RegistrationDto> {
    await this.access.viewable(tournamentId, actor);
    await this.requireCaptain(teamId, actor);
    const registration = await this.transactions.run(async (tx) => {
      const tournament = await this.lock(tx, tournamentId);
      const current = await this.registrations.find(tournamentId, teamId, tx);
      if (!current) throw RegistrationErrors.notFound();
      if (current.status !== 'approved') throw RegistrationErrors.invalidState('Only an approved team checks in');
      const now = this.clock.now().getTime();
      const start = tournament.startsAt.getTime();
      if (tournament.status !== 'registration' || now < start - CHECK_IN_OPENS_BEFORE_START_MS || now >= start)
        throw RegistrationErrors.checkInClosed();
      return current.checkedInAt
        ? current
        : this.registrations.update(tx, current.id, { checkedInAt: this.clock.now() });
    });
    return toDto(registration, await this.teams.names([teamId]));
  }

  /**
   * Before fixtures exist the team is simply removed; afterwards its remaining matches are forfeited,
   * and results already confirmed stand.
   */
  async withdraw(actor: Actor, tournamentId: string, teamId: string): Promise<RegistrationDto> {
    const tournament = await this.access.viewable(tournamentId, actor);
    if (!isOrganizerOf(tournament, actor)) await this.requireCaptain(teamId, actor);
    const registration = await this.transactions.run(async (tx) => {
      const locked = await this.lock(tx, tournamentId);
      const current = await this.registrations.find(tournamentId, teamId, tx);
      if (!current || current.status === 'withdrawn' || current.status === 'rejected')
        throw RegistrationErrors.notFound();
      if (locked.status === 'finished' || locked.status === 'cancelled')
        throw TournamentErrors.locked(`The tournament is ${locked.status}`);
      const saved = await this.registrations.update(tx, current.id, {
        status: 'withdrawn',
        decidedAt: this.clock.now(),
      });
      if (locked.status === 'in_progress' && current.status === 'approved')
        await this.results.forfeitRemaining(tx, locked, teamId, actor);
      await this.events.publish(tx, 'tournament.team.withdrawn', { tournamentId, teamId }, actor.correlationId);
      return saved;
    });
    await this.cache.invalidate(tournamentId);
    return toDto(registration, await this.teams.names([teamId]));
  }

  /**
   * A private tournament takes a team only with the organizer's invite code (unless the organizer registers
   * it): seeing the tournament, e.g. as a member of another registered team, is not an invitation, and a
   * team that withdrew needs a valid code again. Whoever cannot see it gets 404 as for an unknown one.
   */
  private async admit(actor: Actor, tournamentId: string, inviteCode: string | undefined): Promise<void> {
    const tournament = await this.tournaments.findById(tournamentId);
    if (!tournament) throw TournamentErrors.notFound();
    if (tournament.visibility === 'public' || isOrganizerOf(tournament, actor)) return;
    if (inviteCode !== undefined && (await this.invites.admits(tournamentId, inviteCode))) return;
    throw (await this.access.canView(tournament, actor))
      ? RegistrationErrors.inviteRequired()
      : TournamentErrors.notFound();
  }

  private async requireCaptain(teamId: string, actor: Actor): Promise<void> {
    if ((await this.teams.roleOf(teamId, actor.userId)) !== 'captain') throw RegistrationErrors.notCaptain();
  }

  private async lock(tx: Tx, tournamentId: string): Promise<Tournament> {
    const tournament = await this.tournaments.lockForUpdate(tx, tournamentId);
    if (!tournament) throw TournamentErrors.notFound();
    return tournament;
  }

  private async notifyCaptains(tx: Tx, tournament: Tournament, teamId: string, title: string): Promise<void> {
    const captains = (await this.teams.captainIds([teamId], tx)).get(teamId) ?? [];
    await this.notifications.queue(
      tx,
      captains.map((userId) => ({
        userId,
        kind: 'tournament_update' as const,
        title: `${title}: ${tournament.name}`,
        body: `Your team's registration in ${tournament.name} was updated.`,
        data: { tournamentId: tournament.id, teamId },
      })),
    );
  }
}
