import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { JoinRequest, JoinRequestStatus } from './join-request.model';
import type { Tx } from '../database/transaction-runner';

@Injectable()
export class JoinRequestsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  create(
    tx: Tx,
    request: Pick<JoinRequest, 'id' | 'teamId' | 'userId' | 'message' | 'createdAt'>,
  ): Promise<JoinRequest> {
    return tx.joinRequest.create({ data: request });
  }

  findById(id: string, db: Tx = this.prisma): Promise<JoinRequest | null> {
    return db.joinRequest.findUnique({ where: { id } });
  }

  findPending(tx: Tx, teamId: string, userId: string): Promise<JoinRequest | null> {
    return tx.joinRequest.findFirst({ where: { teamId, userId, status: 'pending' } });
  }

  decide(tx: Tx, id: string, status: JoinRequestStatus, decidedBy: string, at: Date): Promise<JoinRequest> {
    return tx.joinRequest.update({ where: { id }, data: { status, decidedBy, decidedAt: at } });
  }

  /** Pending requests of a team, oldest first (the order they are answered in). */
  listPending(teamId: string, afterId: string | undefined, take: number): Promise<JoinRequest[]> {
    return this.prisma.joinRequest.findMany({
      where: { teamId, status: 'pending', ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  managersOf(teamId: string, tx?: Tx): Promise<string[]> {
    return (tx ?? this.prisma).teamMember
      .findMany({ where: { teamId, role: { in: ['captain', 'vice_captain'] } }, select: { userId: true } })
      .then((rows) => rows.map((row) => row.userId));
  }
}
