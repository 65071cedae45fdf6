import { Inject, Injectable } from '@nestjs/common';
import type { MatchEvent } from '@prodvor/contracts';
import { PrismaClient } from '../generated/prisma/client';

@Injectable()
export class MatchFeedRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Stores an event once per (match, sequence); true when this call stored it. */
  async insertOnce(event: MatchEvent): Promise<boolean> {
    const inserted = await this.prisma.matchFeedEvent.createMany({
      data: [
        {
          matchId: event.matchId,
          sequence: event.sequence,
          kind: event.kind,
          payload: event,
          recordedAt: new Date(event.recordedAt),
        },
      ],
      skipDuplicates: true,
    });
    return inserted.count === 1;
  }

  async events(matchId: string): Promise<MatchEvent[]> {
    const rows = await this.prisma.matchFeedEvent.findMany({ where: { matchId }, orderBy: { sequence: 'asc' } });
    return rows.map((row) => row.payload as unknown as MatchEvent);
  }

  teams(matchId: string): Promise<{ homeTeamId: string | null; awayTeamId: string | null } | null> {
    return this.prisma.room.findUnique({ where: { id: matchId }, select: { homeTeamId: true, awayTeamId: true } });
  }
}
