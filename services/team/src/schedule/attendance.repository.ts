import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { Tx } from '../database/transaction-runner';
import type { AttendanceEntry } from './team-event.model';

/** Who was there: the attendance of one occurrence, recorded by a manager after it started. */
@Injectable()
export class AttendanceRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async save(tx: Tx, entries: AttendanceEntry[]): Promise<void> {
    for (const entry of entries) {
      const { eventId, occurrenceStart, userId, ...mark } = entry;
      await tx.teamEventAttendance.upsert({
        where: { eventId_occurrenceStart_userId: { eventId, occurrenceStart, userId } },
        create: entry,
        update: mark,
      });
    }
  }

  ofOccurrence(eventId: string, occurrenceStart: Date, db: Tx = this.prisma): Promise<AttendanceEntry[]> {
    return db.teamEventAttendance.findMany({
      where: { eventId, occurrenceStart },
      orderBy: { userId: 'asc' },
      take: 500,
    });
  }
}
