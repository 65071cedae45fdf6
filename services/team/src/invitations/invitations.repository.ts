import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { Invitation, InvitationStatus, InviteCode } from './invitation.model';
import type { Tx } from '../database/transaction-runner';

export type InvitationWithTeam = Invitation & { team: { name: string } };

/** Invitations to a user and invite codes anyone may redeem. */
@Injectable()
export class InvitationsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  create(tx: Tx, invitation: Omit<Invitation, 'status' | 'respondedAt'>): Promise<Invitation> {
    return tx.invitation.create({ data: invitation });
  }

  findById(id: string, db: Tx = this.prisma): Promise<Invitation | null> {
    return db.invitation.findUnique({ where: { id } });
  }

  findPending(tx: Tx, teamId: string, userId: string): Promise<Invitation | null> {
    return tx.invitation.findFirst({ where: { teamId, userId, status: 'pending' } });
  }

  setStatus(tx: Tx, id: string, status: InvitationStatus, at: Date): Promise<Invitation> {
    return tx.invitation.update({ where: { id }, data: { status, respondedAt: at } });
  }

  /** A user's pending invitations that can still be accepted, newest first. */
  listOpenForUser(userId: string, now: Date): Promise<InvitationWithTeam[]> {
    return this.prisma.invitation.findMany({
      where: { userId, status: 'pending', expiresAt: { gt: now }, team: { archivedAt: null } },
      orderBy: { id: 'desc' },
      take: 100,
      include: { team: { select: { name: true } } },
    });
  }

  /** A team's pending invitations, oldest first. */
  listPendingForTeam(teamId: string, afterId: string | undefined, take: number): Promise<Invitation[]> {
    return this.prisma.invitation.findMany({
      where: { teamId, status: 'pending', ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  /** A team's codes that are not revoked, oldest first. */
  listActiveCodes(teamId: string, afterId: string | undefined, take: number): Promise<InviteCode[]> {
    return this.prisma.inviteCode.findMany({
      where: { teamId, revokedAt: null, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  createCode(tx: Tx, code: Omit<InviteCode, 'uses' | 'revokedAt'>): Promise<InviteCode> {
    return tx.inviteCode.create({ data: code });
  }

  findCode(code: string, db: Tx = this.prisma): Promise<InviteCode | null> {
    return db.inviteCode.findUnique({ where: { code } });
  }

  countCodeUse(tx: Tx, id: string): Promise<InviteCode> {
    return tx.inviteCode.update({ where: { id }, data: { uses: { increment: 1 } } });
  }

  revokeCode(tx: Tx, id: string, at: Date): Promise<InviteCode> {
    return tx.inviteCode.update({ where: { id }, data: { revokedAt: at } });
  }
}
