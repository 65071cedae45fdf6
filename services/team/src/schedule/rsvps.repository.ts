import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { Tx } from '../database/transaction-runner';
import type { Rsvp } from './team-event.model';

/** The answers to one occurrence: who is going, who waits in line (in order), who may come, who will not. */
@Injectable()
export class RsvpsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  find(tx: Tx, eventId: string, occurrenceStart: Date, userId: string): Promise<Rsvp | null> {
    return tx.teamEventRsvp.findUnique({
      where: { eventId_occurrenceStart_userId: { eventId, occurrenceStart, userId } },
    });
  }

  countGoing(tx: Tx, eventId: string, occurrenceStart: Date): Promise<number> {
    return tx.teamEventRsvp.count({ where: { eventId, occurrenceStart, response: 'yes', waitlisted: false } });
  }

  save(tx: Tx, rsvp: Rsvp): Promise<Rsvp> {
    const { eventId, occurrenceStart, userId, ...answer } = rsvp;
    return tx.teamEventRsvp.upsert({
      where: { eventId_occurrenceStart_userId: { eventId, occurrenceStart, userId } },
      create: rsvp,
      update: answer,
    });
  }

  /** The first `take` in line, in the order they answered. */
  nextWaitlisted(tx: Tx, eventId: string, occurrenceStart: Date, take: number): Promise<Rsvp[]> {
    return tx.teamEventRsvp.findMany({
      where: { eventId, occurrenceStart, waitlisted: true },
      orderBy: [{ respondedAt: 'asc' }, { userId: 'asc' }],
      take,
    });
  }

  async promote(tx: Tx, eventId: string, occurrenceStart: Date, userId: string): Promise<void> {
    await tx.teamEventRsvp.update({
      where: { eventId_occurrenceStart_userId: { eventId, occurrenceStart, userId } },
      data: { waitlisted: false },
    });
  }

  /** Occurrences of the event that have someone waiting. */
  occurrencesWithWaitlist(tx: Tx, eventId: string): Promise<Date[]> {
    return tx.teamEventRsvp
      .findMany({
        where: { eventId, waitlisted: true },
        distinct: ['occurrenceStart'],
        select: { occurrenceStart: true },
      })
      .then((rows) => rows.map((row) => row.occurrenceStart));
  }

  ofOccurrence(eventId: string, occurrenceStart: Date, db: Tx = this.prisma): Promise<Rsvp[]> {
    return db.teamEventRsvp.findMany({
      where: { eventId, occurrenceStart },
      orderBy: [{ respondedAt: 'asc' }, { userId: 'asc' }],
      take: 500,
    });
  }

  /** A member's answers to the team's occurrences whose original start is after `from`. */
  ofMemberSince(tx: Tx, teamId: string, userId: string, from: Date): Promise<Rsvp[]> {
    return tx.teamEventRsvp.findMany({
      where: { userId, occurrenceStart: { gte: from }, event: { teamId, cancelledAt: null } },
      orderBy: [{ eventId: 'asc' }, { occurrenceStart: 'asc' }],
    });
  }

  async remove(tx: Tx, eventId: string, occurrenceStart: Date, userId: string): Promise<void> {
    await tx.teamEventRsvp.deleteMany({ where: { eventId, occurrenceStart, userId } });
  }

  /** Members who answered yes (going) or maybe: those a reminder is for. */
  interested(tx: Tx, eventId: string, occurrenceStart: Date): Promise<string[]> {
    return tx.teamEventRsvp
      .findMany({
        where: {
          eventId,
          occurrenceStart,
          OR: [{ response: 'maybe' }, { response: 'yes', waitlisted: false }],
        },
        select: { userId: true },
        orderBy: { userId: 'asc' },
      })
      .then((rows) => rows.map((row) => row.userId));
  }
}
