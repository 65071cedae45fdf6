import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../../generated/prisma/client';
import type { Tx } from '../../database/transaction-runner';
import type { PickupResult, PickupSide, PickupSkill, Scorer, SideMember } from './pickup.model';

/** Results of a team looked at for its stats: at most this many, the newest. */
export const MAX_RESULTS_FOR_STATS = 2_000;

/** Pickup games: the members' skills, the sides drawn for an occurrence and its result. */
@Injectable()
export class PickupRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async skillsOf(tx: Tx, teamId: string, userIds: string[]): Promise<Map<string, number>> {
    const rows = await tx.teamPickupSkill.findMany({ where: { teamId, userId: { in: userIds } } });
    return new Map(rows.map((row) => [row.userId, row.skill]));
  }

  async saveSkill(tx: Tx, skill: PickupSkill): Promise<void> {
    const { teamId, userId, ...rest } = skill;
    await tx.teamPickupSkill.upsert({ where: { teamId_userId: { teamId, userId } }, create: skill, update: rest });
  }

  /** Replaces the sides of the occurrence (a new draw). */
  async replaceSides(tx: Tx, eventId: string, occurrenceStart: Date, members: SideMember[]): Promise<void> {
    await tx.teamEventSide.deleteMany({ where: { eventId, occurrenceStart } });
    await tx.teamEventSide.createMany({ data: members });
  }

  async sidesOf(eventId: string, occurrenceStart: Date, db: Tx = this.prisma): Promise<SideMember[]> {
    const rows = await db.teamEventSide.findMany({
      where: { eventId, occurrenceStart },
      orderBy: [{ side: 'asc' }, { userId: 'asc' }],
      take: 500,
    });
    return rows.map((row) => ({ ...row, side: row.side as PickupSide }));
  }

  async saveResult(tx: Tx, result: PickupResult): Promise<void> {
    const { eventId, occurrenceStart, ...rest } = result;
    const data = { ...rest, scorers: result.scorers.map((s) => ({ userId: s.userId, goals: s.goals })) };
    await tx.teamEventResult.upsert({
      where: { eventId_occurrenceStart: { eventId, occurrenceStart } },
      create: { eventId, occurrenceStart, ...data },
      update: data,
    });
  }

  async removeResult(tx: Tx, eventId: string, occurrenceStart: Date): Promise<void> {
    await tx.teamEventResult.deleteMany({ where: { eventId, occurrenceStart } });
  }

  async resultOf(eventId: string, occurrenceStart: Date, db: Tx = this.prisma): Promise<PickupResult | null> {
    const row = await db.teamEventResult.findUnique({
      where: { eventId_occurrenceStart: { eventId, occurrenceStart } },
    });
    return row ? { ...row, scorers: row.scorers as unknown as Scorer[] } : null;
  }

  /** The team's recorded results (newest first) with the sides they were played by. */
  async resultsWithSides(tx: Tx, teamId: string): Promise<{ result: PickupResult; sides: SideMember[] }[]> {
    const rows = await tx.teamEventResult.findMany({
      where: { teamId, event: { cancelledAt: null } },
      orderBy: [{ occurrenceStart: 'desc' }, { eventId: 'asc' }],
      take: MAX_RESULTS_FOR_STATS,
    });
    if (rows.length === 0) return [];
    const sides = await tx.teamEventSide.findMany({
      where: { OR: rows.map((row) => ({ eventId: row.eventId, occurrenceStart: row.occurrenceStart })) },
    });
    const key = (eventId: string, at: Date) => `${eventId}/${at.toISOString()}`;
    const byOccurrence = new Map<string, SideMember[]>();
    for (const side of sides) {
      const k = key(side.eventId, side.occurrenceStart);
      byOccurrence.set(k, [...(byOccurrence.get(k) ?? []), { ...side, side: side.side as PickupSide }]);
    }
    return rows.map((row) => ({
      result: { ...row, scorers: row.scorers as unknown as Scorer[] },
      sides: byOccurrence.get(key(row.eventId, row.occurrenceStart)) ?? [],
    }));
  }
}
