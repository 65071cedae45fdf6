import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { NewTournament, Tournament, TournamentChanges, TournamentStatus } from './tournament.model';

export interface TournamentListFilter {
  q?: string;
  status?: TournamentStatus;
  format?: string;
  sportFormat?: string;
  /** Only this organizer's tournaments (private ones included); otherwise public ones only. */
  organizerId?: string;
  after?: { startsAt: string; id: string };
  limit: number;
}

@Injectable()
export class TournamentsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  findById(id: string, tx: Tx = this.prisma): Promise<Tournament | null> {
    return tx.tournament.findUnique({ where: { id } });
  }

  /** Locks the tournament row for the rest of the transaction: its matches and bracket change one writer at a time. */
  async lockForUpdate(tx: Tx, id: string): Promise<Tournament | null> {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tournaments WHERE id = ${id}::uuid FOR UPDATE`;
    return locked.length ? tx.tournament.findUnique({ where: { id } }) : null;
  }

  findByIdempotencyKey(organizerId: string, idempotencyKey: string): Promise<Tournament | null> {
    return this.prisma.tournament.findUnique({
      where: { organizerId_idempotencyKey: { organizerId, idempotencyKey } },
    });
  }

  create(tx: Tx, tournament: NewTournament): Promise<Tournament> {
    const { rules, options, venues, ...columns } = tournament;
    return tx.tournament.create({
      data: {
        ...columns,
        rules: json(rules),
        ...(options ? { options: json(options) } : {}),
        ...(venues ? { venues: json(venues) } : {}),
      },
    });
  }

  update(tx: Tx, id: string, changes: TournamentChanges): Promise<Tournament> {
    const { venues, lots, bracket, swissByes, ...columns } = changes;
    return tx.tournament.update({
      where: { id },
      data: {
        ...columns,
        ...(venues ? { venues: json(venues) } : {}),
        ...(lots ? { lots: json(lots) } : {}),
        ...(bracket ? { bracket: json(bracket) } : {}),
        ...(swissByes ? { swissByes: json(swissByes) } : {}),
      },
    });
  }

  /** Matches not played yet are cancelled with their tournament. */
  async cancelOpenMatches(tx: Tx, tournamentId: string): Promise<void> {
    await tx.match.updateMany({
      where: { tournamentId, status: { in: ['pending', 'scheduled', 'postponed'] } },
      data: { status: 'cancelled' },
    });
  }

  /** Ordered by start then id, so the cursor stays stable under concurrent inserts. */
  list(filter: TournamentListFilter): Promise<Tournament[]> {
    const where: Prisma.TournamentWhereInput = {
      ...(filter.organizerId ? { organizerId: filter.organizerId } : { visibility: 'public' }),
      ...(filter.q ? { name: { contains: filter.q, mode: 'insensitive' } } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.format ? { format: filter.format } : {}),
      ...(filter.sportFormat ? { sportFormat: filter.sportFormat } : {}),
      ...(filter.after
        ? {
            OR: [
              { startsAt: { gt: new Date(filter.after.startsAt) } },
              { startsAt: new Date(filter.after.startsAt), id: { gt: filter.after.id } },
            ],
          }
        : {}),
    };
    return this.prisma.tournament.findMany({
      where,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: filter.limit,
    });
  }

  /** Whether the user is a member of a team taking part in the tournament (registered, not rejected or withdrawn). */
  async isParticipantMember(tournamentId: string, userId: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ found: number }[]>`
      SELECT 1 AS found FROM registrations r
      JOIN team_member_views m ON m.team_id = r.team_id
      WHERE r.tournament_id = ${tournamentId}::uuid AND m.user_id = ${userId}::uuid
        AND r.status IN ('pending', 'approved')
      LIMIT 1`;
    return rows.length > 0;
  }

  /** Teams still taking part (pending or approved): those told of a cancellation. */
  async participatingTeamIds(tx: Tx, tournamentId: string): Promise<string[]> {
    const rows = await tx.registration.findMany({
      where: { tournamentId, status: { in: ['pending', 'approved'] } },
      select: { teamId: true },
    });
    return rows.map((row) => row.teamId);
  }
}

/**
 * The settings are interfaces, which TypeScript does not match member by member to Prisma's JSON input
 * (no index signature); taken as plain objects (what they are, written by JSON.stringify) they are.
 */
function json(value: object): Prisma.InputJsonValue {
  return value;
}
