import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import type { TeamMember } from '../teams/team.model';
import { TeamMemberDto } from '../teams/dto/team-page.dto';
import { TeamPageCache } from '../teams/team-page.cache';
import { TeamPolicy } from '../teams/team-policy';
import type { UpdateMemberDto } from './dto/update-member.dto';
import { MemberErrors } from './member.errors';
import { TeamMembersRepository, type MemberChanges } from './team-members.repository';
import { type Actor, EventPublisher, UserProfiles } from '@prodvor/platform';

@Injectable()
export class TeamMembersService {
  constructor(
    private readonly members: TeamMembersRepository,
    private readonly policy: TeamPolicy,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly pageCache: TeamPageCache,
    private readonly profiles: UserProfiles,
  ) {}

  /** Shirt number and position: the member or a manager. Role: the captain only, never to or from captain. */
  async update(actor: Actor, teamId: string, userId: string, dto: UpdateMemberDto): Promise<TeamMemberDto> {
    const updated = await this.changeRoster(teamId, async (tx) => {
      const target = await this.requireMember(tx, teamId, userId);
      if (dto.role !== undefined && dto.role !== target.role) {
        await this.policy.requireCaptain(tx, teamId, actor.userId);
        if (target.role === 'captain') throw MemberErrors.useCaptainTransfer();
      }
      if (userId !== actor.userId) await this.policy.requireManager(tx, teamId, actor.userId);
      if (dto.shirtNumber !== undefined && dto.shirtNumber !== null && dto.shirtNumber !== target.shirtNumber) {
        const holder = await this.members.findByShirtNumber(tx, teamId, dto.shirtNumber);
        if (holder) throw MemberErrors.shirtNumberTaken();
      }
      const changes: MemberChanges = {};
      if (dto.role !== undefined) changes.role = dto.role;
      if (dto.shirtNumber !== undefined) changes.shirtNumber = dto.shirtNumber;
      if (dto.position !== undefined) changes.position = dto.position;
      const changed = await this.members.update(tx, teamId, userId, changes);
      if (changed.role !== target.role) {
        await this.events.publish(
          tx,
          'team.member.role_changed',
          { teamId, userId, role: changed.role },
          actor.correlationId,
        );
      }
      return changed;
    });
    return this.toDto(updated);
  }

  /** A manager removes a member; the captain can never be removed, and only the captain removes a vice-captain. */
  async remove(actor: Actor, teamId: string, userId: string): Promise<void> {
    await this.changeRoster(teamId, async (tx) => {
      await this.policy.requireManager(tx, teamId, actor.userId);
      const target = await this.requireMember(tx, teamId, userId);
      if (target.role === 'captain') throw MemberErrors.cannotRemoveCaptain();
      if (target.role === 'vice_captain') await this.policy.requireCaptain(tx, teamId, actor.userId);
      await this.members.remove(tx, teamId, userId);
      await this.events.publish(
        tx,
        'team.member.removed',
        { teamId, userId, removedBy: actor.userId },
        actor.correlationId,
      );
    });
  }

  async leave(actor: Actor, teamId: string): Promise<void> {
    await this.changeRoster(teamId, async (tx) => {
      const me = await this.requireMember(tx, teamId, actor.userId);
      if (me.role === 'captain') throw MemberErrors.captainMustTransfer();
      await this.members.remove(tx, teamId, actor.userId);
      await this.events.publish(tx, 'team.member.left', { teamId, userId: actor.userId }, actor.correlationId);
    });
  }

  /** The captain hands over to another member and becomes a vice-captain. */
  async transferCaptaincy(actor: Actor, teamId: string, toUserId: string): Promise<TeamMemberDto> {
    const captain = await this.changeRoster(teamId, async (tx) => {
      await this.policy.requireCaptain(tx, teamId, actor.userId);
      if (toUserId === actor.userId) throw MemberErrors.captaincyToSelf();
      await this.requireMember(tx, teamId, toUserId);
      // Demote first: the database allows one captain per team at any moment.
      await this.members.update(tx, teamId, actor.userId, { role: 'vice_captain' });
      const promoted = await this.members.update(tx, teamId, toUserId, { role: 'captain' });
      await this.events.publish(
        tx,
        'team.captain.transferred',
        { teamId, fromUserId: actor.userId, toUserId },
        actor.correlationId,
      );
      await this.events.publish(
        tx,
        'team.member.role_changed',
        { teamId, userId: actor.userId, role: 'vice_captain' },
        actor.correlationId,
      );
      return promoted;
    });
    return this.toDto(captain);
  }

  private async toDto(member: TeamMember): Promise<TeamMemberDto> {
    return TeamMemberDto.from(member, await this.profiles.people([member.userId]));
  }

  /** Runs a roster change under the team's row lock and drops the cached team page once it committed. */
  private async changeRoster<T>(teamId: string, change: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.transactions.run(async (tx) => {
      await this.policy.lockActiveTeam(tx, teamId);
      return change(tx);
    });
    await this.pageCache.invalidate(teamId);
    return result;
  }

  private async requireMember(tx: Tx, teamId: string, userId: string): Promise<TeamMember> {
    const member = await this.members.find(tx, teamId, userId);
    if (!member) throw MemberErrors.notFound();
    return member;
  }
}
