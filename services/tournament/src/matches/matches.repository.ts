import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Match, MatchChanges, MatchEvent, MatchStatus, NewMatch } from './match.model';

/** Results that count: confirmed by the teams or the organizer, or awarded by forfeit. */
export const FINAL_STATUSES: MatchStatus[] = ['confirmed', 'forfeited'];
/** Statuses after which nothing is left to play or decide. */
export const CLOSED_STATUSES: MatchStatus[] = ['confirmed', 'forfeited', 'cancelled'];

export interface MatchListFilter {
  status?: MatchStatus;
  teamId?: string;
  round?: number;
  group?: string;
  after?: { round: number; id: string };
  limit: number;
}

@Injectable()
export class MatchesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  findById(id: string, tx: Tx = this.prisma): Promise<Match | null> {
    return tx.match.findUnique({ where: { id } });
  }

  /** Locks one match row (callers hold the tournament lock first, so lock order is always tournament → match). */
  async lock(tx: Tx, id: string): Promise<Match | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM matches WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length ? tx.match.findUnique({ where: { id } }) : null;
  }

  async createMany(tx: Tx, matches: readonly NewMatch[]): Promise<void> {
    if (matches.length) await tx.match.createMany({ data: [...matches] });
  }

  update(tx: Tx, id: string, changes: MatchChanges): Promise<Match> {
    return tx.match.update({ where: { id }, data: { ...changes, version: { increment: 1 } } });
  }

  /** Clears a referee from every match still to be played; returns the tournaments touched. */
  async unassignReferee(tx: Tx, refereeId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ tournament_id: string }[]>`
      UPDATE matches SET referee_id = NULL, version = version + 1
      WHERE referee_id = ${refereeId}::uuid AND status IN ('pending', 'scheduled', 'postponed', 'live')
      RETURNING tournament_id`;
    return [...new Set(rows.map((r) => r.tournament_id))];
  }

  ofTournament(tournamentId: string, tx: Tx = this.prisma): Promise<Match[]> {
    return tx.match.findMany({
      where: { tournamentId },
      orderBy: [{ round: 'asc' }, { position: 'asc' }, { id: 'asc' }],
    });
  }

  /** Fixtures in play order: round, then id (UUIDv7, creation order), stable under concurrent writes. */
  list(tournamentId: string, filter: MatchListFilter): Promise<Match[]> {
    const where: Prisma.MatchWhereInput = {
      tournamentId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.round ? { round: filter.round } : {}),
      ...(filter.group ? { groupName: filter.group } : {}),
      ...(filter.teamId ? { OR: [{ homeTeamId: filter.teamId }, { awayTeamId: filter.teamId }] } : {}),
      ...(filter.after
        ? {
            AND: [
              {
                OR: [{ round: { gt: filter.after.round } }, { round: filter.after.round, id: { gt: filter.after.id } }],
              },
            ],
          }
        : {}),
    };
    return this.prisma.match.findMany({ where, orderBy: [{ round: 'asc' }, { id: 'asc' }], take: filter.limit });
  }

  /** A team's matches with a kick-off time, across tournaments, for its calendar. */
  scheduledForTeam(
    teamId: string,
    limit: number,
  ): Promise<(Match & { tournament: { name: string; visibility: string } })[]> {
    return this.prisma.match.findMany({
      where: { OR: [{ homeTeamId: teamId }, { awayTeamId: teamId }], startsAt: { not: null } },
      include: { tournament: { select: { name: true, visibility: true } } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  events(matchId: string, tx: Tx = this.prisma): Promise<MatchEvent[]> {
    return tx.matchEvent.findMany({ where: { matchId }, orderBy: { sequence: 'asc' } });
  }

  eventsAfter(matchId: string, afterSequence: number, limit: number): Promise<MatchEvent[]> {
    return this.prisma.matchEvent.findMany({
      where: { matchId, sequence: { gt: afterSequence } },
      orderBy: { sequence: 'asc' },
      take: limit,
    });
  }

  addEvent(tx: Tx, event: MatchEvent): Promise<MatchEvent> {
    return tx.matchEvent.create({ data: event });
  }

  /** Events of the tournament's matches that count for stats and fair play. */
  eventsOfTournament(tournamentId: string, matchIds?: readonly string[]): Promise<MatchEvent[]> {
    return this.prisma.matchEvent.findMany({
      where: { match: { tournamentId }, ...(matchIds ? { matchId: { in: [...matchIds] } } : {}) },
      orderBy: [{ matchId: 'asc' }, { sequence: 'asc' }],
    });
  }

  /** Reported results whose confirmation window has passed. */
  dueForConfirmation(now: Date, limit: number): Promise<Match[]> {
    return this.prisma.match.findMany({
      where: { status: 'finished', confirmBy: { lte: now } },
      orderBy: { confirmBy: 'asc' },
      take: limit,
    });
  }

  /** Scheduled matches starting before `until` whose teams have not been reminded yet. */
  dueForReminder(until: Date, limit: number): Promise<Match[]> {
    return this.prisma.match.findMany({
      where: {
        status: 'scheduled',
        reminderSentAt: null,
        startsAt: { lte: until, gt: new Date(until.getTime() - 7 * 86_400_000) },
      },
      orderBy: { startsAt: 'asc' },
      take: limit,
    });
  }

  async markReminded(tx: Tx, id: string, at: Date): Promise<boolean> {
    const { count } = await tx.match.updateMany({ where: { id, reminderSentAt: null }, data: { reminderSentAt: at } });
    return count === 1;
  }
}
