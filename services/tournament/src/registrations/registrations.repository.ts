import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient, type Prisma, type Registration, type RegistrationStatus } from '../generated/prisma/client';

@Injectable()
export class RegistrationsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  find(tournamentId: string, teamId: string, tx: Tx = this.prisma): Promise<Registration | null> {
    return tx.registration.findUnique({ where: { tournamentId_teamId: { tournamentId, teamId } } });
  }

  create(tx: Tx, data: Prisma.RegistrationUncheckedCreateInput): Promise<Registration> {
    return tx.registration.create({ data });
  }

  update(tx: Tx, id: string, data: Prisma.RegistrationUncheckedUpdateInput): Promise<Registration> {
    return tx.registration.update({ where: { id }, data });
  }

  count(tournamentId: string, status: RegistrationStatus, tx: Tx = this.prisma): Promise<number> {
    return tx.registration.count({ where: { tournamentId, status } });
  }

  list(tournamentId: string, status: RegistrationStatus | undefined, afterId: string | undefined, take: number) {
    return this.prisma.registration.findMany({
      where: { tournamentId, ...(status ? { status } : {}), ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  /** Approved teams in seed order (explicit seeds first, then registration order). */
  approved(tournamentId: string, tx: Tx = this.prisma): Promise<Registration[]> {
    return tx.registration.findMany({
      where: { tournamentId, status: 'approved' },
      orderBy: [{ seed: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async assignSeedsAndGroups(tx: Tx, assignments: { id: string; seed: number; group?: string }[]): Promise<void> {
    for (const a of assignments) {
      await tx.registration.update({ where: { id: a.id }, data: { seed: a.seed, groupName: a.group ?? null } });
    }
  }
}
