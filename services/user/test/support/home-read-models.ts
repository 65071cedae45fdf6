import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client';
import type { HomeTeamsRepository } from '../../src/home/repositories/home-teams.repository';

/** The event time the home read-model tests count from. */
export const T0 = new Date('2026-05-01T10:00:00Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

/** A team in the home read model (created at T0, archived a minute later when asked). */
export async function homeTeam(
  prisma: PrismaClient,
  teams: HomeTeamsRepository,
  name = 'Team',
  archived = false,
): Promise<string> {
  const teamId = randomUUID();
  await teams.create(prisma, { teamId, name, shortName: null }, T0);
  if (archived) await teams.archive(prisma, teamId, at(1));
  return teamId;
}

/** A user whose account was deleted: the read models must never add them back. */
export async function deletedAccount(prisma: PrismaClient): Promise<string> {
  const userId = randomUUID();
  await prisma.deletedAccount.create({ data: { userId } });
  return userId;
}
