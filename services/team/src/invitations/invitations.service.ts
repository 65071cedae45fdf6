import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppConfig,
  Clock,
  cursorAfter,
  CursorPaginationQueryDto,
  EventPublisher,
  idCursor,
  IdGenerator,
  isUniqueViolation,
  type Page,
  toPage,
  UserProfiles,
} from '@prodvor/platform';
import type { TeamConfig } from '../config/team.config';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { TeamNotificationsPublisher } from '../events/team-notifications.publisher';
import type { Invitation, InvitationStatus } from './invitation.model';
import { MemberErrors } from '../members/member.errors';
import { RosterService } from '../members/roster.service';
import { TeamMembersRepository } from '../members/team-members.repository';
import { TeamPageCache } from '../teams/team-page.cache';
import { TeamPolicy } from '../teams/team-policy';
import type { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationDto } from './dto/invitation.dto';
import { InvitationErrors } from './invitation.errors';
import { InvitationsRepository } from './invitations.repository';

const HOUR_MS = 3_600_000;

@Injectable()
export class InvitationsService {
  private readonly defaultTtlHours: number;

  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly members: TeamMembersRepository,
    private readonly roster: RosterService,
    private readonly policy: TeamPolicy,
    private readonly transactions: TransactionRunner,
    private readonly notifications: TeamNotificationsPublisher,
    private readonly events: EventPublisher,
    private readonly pageCache: TeamPageCache,
    private readonly profiles: UserProfiles,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    config: AppConfig<TeamConfig>,
  ) {
    this.defaultTtlHours = config.get('INVITATION_TTL_HOURS');
  }

  /** A captain or vice-captain invites a user; one open invitation per user and team. */
  async invite(actor: Actor, teamId: string, dto: CreateInvitationDto): Promise<InvitationDto> {
    const { invitation, teamName } = await this.transactions
      .run(async (tx) => {
        const team = await this.policy.lockActiveTeam(tx, teamId);
        await this.policy.requireManager(tx, teamId, actor.userId);
        if (await this.members.find(tx, teamId, dto.userId)) throw MemberErrors.alreadyMember();
        const now = this.clock.now();
        const pending = await this.invitations.findPending(tx, teamId, dto.userId);
        if (pending && pending.expiresAt > now) throw InvitationErrors.alreadyPending();
        if (pending) await this.invitations.setStatus(tx, pending.id, 'expired', now);
        const created = await this.invitations.create(tx, {
          id: this.ids.id(),
          teamId,
          userId: dto.userId,
          invitedBy: actor.userId,
          expiresAt: new Date(now.getTime() + (dto.expiresInHours ?? this.defaultTtlHours) * HOUR_MS),
          createdAt: now,
        });
        await this.events.publish(
          tx,
          'team.invitation.created',
          {
            teamId,
            invitationId: created.id,
            userId: created.userId,
            invitedBy: created.invitedBy,
            expiresAt: created.expiresAt.toISOString(),
          },
          actor.correlationId,
        );
        await this.notifications.queue(
          tx,
          [
            {
              userId: created.userId,
              kind: 'team_invite',
              title: `Invitation to ${team.name}`,
              body: `You are invited to join ${team.name}.`,
              data: { teamId, invitationId: created.id },
            },
          ],
          actor.correlationId,
        );
        return { invitation: created, teamName: team.name };
      })
      .catch((error: unknown) => {
        // The partial unique index catches the double invite that raced past the check.
        throw isUniqueViolation(error) ? InvitationErrors.alreadyPending() : error;
      });
    return this.toDto(invitation, teamName);
  }

  /** Pending invitations a team sent (expired ones included, flagged by `expiresAt`), for its managers. */
  async listForTeam(actor: Actor, teamId: string, query: CursorPaginationQueryDto): Promise<Page<InvitationDto>> {
    await this.transactions.run((tx) => this.policy.requireManager(tx, teamId, actor.userId));
    const afterId = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.invitations.listPendingForTeam(teamId, afterId, query.limit + 1);
    const people = await this.profiles.people(rows.map((row) => row.userId));
    return toPage(
      rows,
      query.limit,
      (row) => ({ id: row.id }),
      (row) => InvitationDto.from(row, people),
    );
  }

  async listMine(actor: Actor): Promise<InvitationDto[]> {
    const rows = await this.invitations.listOpenForUser(actor.userId, this.clock.now());
    const people = await this.profiles.people([actor.userId]);
    return rows.map((row) => InvitationDto.from(row, people, row.team.name));
  }

  /** The invited user joins the roster (subject to its limit). Someone else's invitation is not found. */
  async accept(actor: Actor, invitationId: string): Promise<InvitationDto> {
    const accepted = await this.respond(actor, invitationId, async (tx, invitation) => {
      const team = await this.policy.lockActiveTeam(tx, invitation.teamId);
      const current = await this.openInvitation(tx, invitation.id);
      await this.roster.join(tx, team, actor.userId, actor.correlationId);
      return this.resolve(tx, current, 'accepted', actor.correlationId);
    });
    await this.pageCache.invalidate(accepted.teamId);
    return this.toDto(accepted);
  }

  async decline(actor: Actor, invitationId: string): Promise<InvitationDto> {
    const declined = await this.respond(actor, invitationId, async (tx, invitation) => {
      await this.policy.lockActiveTeam(tx, invitation.teamId);
      const current = await this.openInvitation(tx, invitation.id);
      return this.resolve(tx, current, 'declined', actor.correlationId);
    });
    return this.toDto(declined);
  }

  /** A captain or vice-captain withdraws a pending invitation. */
  async revoke(actor: Actor, invitationId: string): Promise<InvitationDto> {
    const revoked = await this.transactions.run(async (tx) => {
      const invitation = await this.invitations.findById(invitationId, tx);
      if (!invitation) throw InvitationErrors.notFound();
      await this.policy.lockActiveTeam(tx, invitation.teamId);
      await this.policy.requireManager(tx, invitation.teamId, actor.userId);
      const current = await this.invitations.findById(invitationId, tx);
      if (current?.status !== 'pending') throw InvitationErrors.notPending(current?.status ?? 'gone');
      return this.resolve(tx, current, 'revoked', actor.correlationId);
    });
    return this.toDto(revoked);
  }

  private async toDto(invitation: Invitation, teamName?: string): Promise<InvitationDto> {
    return InvitationDto.from(invitation, await this.profiles.people([invitation.userId]), teamName);
  }

  private async resolve(
    tx: Tx,
    invitation: Invitation,
    status: Extract<InvitationStatus, 'accepted' | 'declined' | 'revoked'>,
    correlationId: string,
  ): Promise<Invitation> {
    const resolved = await this.invitations.setStatus(tx, invitation.id, status, this.clock.now());
    await this.events.publish(
      tx,
      'team.invitation.resolved',
      { teamId: resolved.teamId, invitationId: resolved.id, userId: resolved.userId, status },
      correlationId,
    );
    return resolved;
  }

  private respond(
    actor: Actor,
    invitationId: string,
    work: (tx: Tx, invitation: Invitation) => Promise<Invitation>,
  ): Promise<Invitation> {
    return this.transactions.run(async (tx) => {
      const invitation = await this.invitations.findById(invitationId, tx);
      if (!invitation || invitation.userId !== actor.userId) throw InvitationErrors.notFound();
      return work(tx, invitation);
    });
  }

  /** Re-read under the team lock: a concurrent response or revocation may have closed it. */
  private async openInvitation(tx: Tx, invitationId: string): Promise<Invitation> {
    const invitation = await this.invitations.findById(invitationId, tx);
    if (!invitation) throw InvitationErrors.notFound();
    if (invitation.status !== 'pending') throw InvitationErrors.notPending(invitation.status);
    if (invitation.expiresAt <= this.clock.now()) throw InvitationErrors.expired();
    return invitation;
  }
}
