import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Team, TeamMember, TeamRole } from './team.model';
import type { Tx } from '../database/transaction-runner';

export interface NewTeam {
  id: string;
  name: string;
  shortName?: string;
  city?: string;
  format: string;
  colors: string[];
  logoMediaId?: string;
  description?: string;
  recruiting: boolean;
  createdBy: string;
  createdAt: Date;
}

export type TeamChanges = Partial<
  Pick<Team, 'name' | 'shortName' | 'city' | 'format' | 'colors' | 'logoMediaId' | 'description' | 'recruiting'>
>;

export interface TeamListFilter {
  q?: string;
  city?: string;
  recruiting?: boolean;
  /** Rows after this id in the listing order (newest first). */
  afterId?: string;
  take: number;
}

export type TeamWithCount = Team & { _count: { members: number } };
export type TeamWithMembers = Team & { members: TeamMember[] };

/** An archived team and what archiving closed: pending invitations (revoked) and join requests (rejected). */
export interface ArchivedTeam {
  team: Team;
  revokedInvitations: { id: string; userId: string }[];
  rejectedRequests: { id: string; userId: string }[];
}

const ROLE_ORDER: Record<TeamRole, number> = { captain: 0, vice_captain: 1, player: 2 };

@Injectable()
export class TeamsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** The team and its first member, the captain. */
  async create(tx: Tx, team: NewTeam): Promise<Team> {
    return tx.team.create({
      data: {
        ...team,
        updatedAt: team.createdAt,
        members: { create: { userId: team.createdBy, role: 'captain', joinedAt: team.createdAt } },
      },
    });
  }

  findById(id: string, db: Tx = this.prisma): Promise<Team | null> {
    return db.team.findUnique({ where: { id } });
  }

  /**
   * Locks the team row until the transaction ends. Every roster change takes this lock first, so
   * concurrent joins, transfers and removals of one team run one after another and see each other.
   */
  async lockForUpdate(tx: Tx, id: string): Promise<Team | null> {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM teams WHERE id = ${id}::uuid FOR UPDATE`;
    return locked.length ? tx.team.findUnique({ where: { id } }) : null;
  }

  roleOf(tx: Tx, teamId: string, userId: string): Promise<TeamRole | null> {
    return tx.teamMember
      .findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } })
      .then((member) => member?.role ?? null);
  }

  memberCount(tx: Tx, teamId: string): Promise<number> {
    return tx.teamMember.count({ where: { teamId } });
  }

  update(tx: Tx, id: string, changes: TeamChanges, at: Date): Promise<Team> {
    return tx.team.update({ where: { id }, data: { ...changes, updatedAt: at } });
  }

  /** Archives the team and closes what could still add members to it; `by` decided the open join requests. */
  async archive(tx: Tx, id: string, at: Date, by: string): Promise<ArchivedTeam> {
    const revokedInvitations = await tx.invitation.updateManyAndReturn({
      where: { teamId: id, status: 'pending' },
      data: { status: 'revoked', respondedAt: at },
      select: { id: true, userId: true },
    });
    const rejectedRequests = await tx.joinRequest.updateManyAndReturn({
      where: { teamId: id, status: 'pending' },
      data: { status: 'rejected', decidedBy: by, decidedAt: at },
      select: { id: true, userId: true },
    });
    await tx.inviteCode.updateMany({ where: { teamId: id, revokedAt: null }, data: { revokedAt: at } });
    const team = await tx.team.update({ where: { id }, data: { archivedAt: at, recruiting: false, updatedAt: at } });
    // UPDATE … RETURNING has no order: by id (UUIDv7) they come oldest first.
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return { team, revokedInvitations: revokedInvitations.sort(byId), rejectedRequests: rejectedRequests.sort(byId) };
  }

  list(filter: TeamListFilter): Promise<TeamWithCount[]> {
    const where: Prisma.TeamWhereInput = {
      archivedAt: null,
      ...(filter.q ? { name: { contains: filter.q, mode: 'insensitive' } } : {}),
      ...(filter.city ? { city: { equals: filter.city, mode: 'insensitive' } } : {}),
      ...(filter.recruiting !== undefined ? { recruiting: filter.recruiting } : {}),
      ...(filter.afterId ? { id: { lt: filter.afterId } } : {}),
    };
    return this.prisma.team.findMany({
      where,
      orderBy: { id: 'desc' },
      take: filter.take,
      include: { _count: { select: { members: true } } },
    });
  }

  /** The team with its roster: captain, vice-captains, players; each by shirt number then join time. */
  async findWithMembers(id: string): Promise<TeamWithMembers | null> {
    const team = await this.prisma.team.findUnique({
      where: { id },
      include: { members: { orderBy: [{ shirtNumber: { sort: 'asc', nulls: 'last' } }, { joinedAt: 'asc' }] } },
    });
    if (team) team.members.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
    return team;
  }

  /** Teams whose roster has the user (their pages show the user's name). */
  async idsWithMember(userId: string): Promise<string[]> {
    const rows = await this.prisma.teamMember.findMany({ where: { userId }, select: { teamId: true } });
    return rows.map((row) => row.teamId);
  }

  findIdempotencyKey(tx: Tx, userId: string, key: string) {
    return tx.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
  }

  async saveIdempotencyKey(
    tx: Tx,
    entry: { userId: string; key: string; requestHash: string; resourceId: string; createdAt: Date },
  ): Promise<void> {
    await tx.idempotencyKey.create({ data: entry });
  }
}
