import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient } from '../generated/prisma/client';
import type { NewRegistration, Registration, RegistrationChanges, RegistrationStatus } from './registration.model';

@Injectable()
export class RegistrationsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  find(tournamentId: string, teamId: string, tx: Tx = this.prisma): Promise<Registration | null> {
    return tx.registration.findUnique({ where: { tournamentId_teamId: { tournamentId, teamId } } });
  }

  create(tx: Tx, registration: NewRegistration): Promise<Registration> {
    return tx.registration.create({ data: registration });
  }

  update(tx: Tx, id: string, changes: RegistrationChanges): Promise<Registration> {
    return tx.registration.update({ where: { id }, data: changes });
  }

  count(tournamentId: string, status: RegistrationStatus, tx: Tx = this.prisma): Promise<number> {
    return tx.registration.count({ where: { tournamentId, status } });
  }

  list(
    tournamentId: string,
    status: RegistrationStatus | undefined,
    afterId: string | undefined,
    take: number,
  ): Promise<Registration[]> {
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
