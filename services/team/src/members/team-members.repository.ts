import { Injectable } from '@nestjs/common';
import type { TeamMember, TeamRole } from '../teams/team.model';
import type { Tx } from '../database/transaction-runner';

export interface NewMember {
  teamId: string;
  userId: string;
  role: TeamRole;
  shirtNumber?: number | null;
  position?: string | null;
  joinedAt: Date;
}

export type MemberChanges = Partial<Pick<TeamMember, 'role' | 'shirtNumber' | 'position'>>;

@Injectable()
export class TeamMembersRepository {
  find(tx: Tx, teamId: string, userId: string): Promise<TeamMember | null> {
    return tx.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
  }

  count(tx: Tx, teamId: string): Promise<number> {
    return tx.teamMember.count({ where: { teamId } });
  }

  findByShirtNumber(tx: Tx, teamId: string, shirtNumber: number): Promise<TeamMember | null> {
    return tx.teamMember.findUnique({ where: { teamId_shirtNumber: { teamId, shirtNumber } } });
  }

  add(tx: Tx, member: NewMember): Promise<TeamMember> {
    return tx.teamMember.create({ data: member });
  }

  update(tx: Tx, teamId: string, userId: string, changes: MemberChanges): Promise<TeamMember> {
    return tx.teamMember.update({ where: { teamId_userId: { teamId, userId } }, data: changes });
  }

  async remove(tx: Tx, teamId: string, userId: string): Promise<void> {
    await tx.teamMember.delete({ where: { teamId_userId: { teamId, userId } } });
  }

  /** The roster's user ids (for notifications to the whole team). */
  userIdsOf(tx: Tx, teamId: string): Promise<string[]> {
    return tx.teamMember
      .findMany({ where: { teamId }, select: { userId: true }, orderBy: { userId: 'asc' } })
      .then((rows) => rows.map((row) => row.userId));
  }

  /** Teams the user plays in (for account deletion). */
  teamIdsOf(tx: Tx, userId: string): Promise<string[]> {
    return tx.teamMember
      .findMany({ where: { userId }, select: { teamId: true }, orderBy: { teamId: 'asc' } })
      .then((rows) => rows.map((row) => row.teamId));
  }

  /** Drops what a deleted account still has open: invitations, join requests, idempotency keys, its calendar feed. */
  async forgetUser(tx: Tx, userId: string): Promise<void> {
    await tx.calendarFeedToken.deleteMany({ where: { userId } });
    await tx.teamPickupSkill.deleteMany({ where: { userId } });
    await tx.invitation.deleteMany({ where: { userId } });
    await tx.joinRequest.deleteMany({ where: { userId, status: 'pending' } });
    await tx.idempotencyKey.deleteMany({ where: { userId } });
  }

  /** Who takes over a captain who is gone: the longest-serving vice-captain, else the longest-serving player. */
  successorOf(tx: Tx, teamId: string, captainId: string): Promise<TeamMember | null> {
    return tx.teamMember.findFirst({
      where: { teamId, userId: { not: captainId } },
      orderBy: [{ role: 'asc' }, { joinedAt: 'asc' }, { userId: 'asc' }],
    });
  }
}
