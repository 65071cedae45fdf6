import { Inject, Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../generated/prisma/client';
import type { Room, RoomKind } from './room.model';
import type { RoomRef } from './room-access';

export interface RoomSummaryRow {
  id: string;
  kind: RoomKind;
  title: string | null;
  archivedAt: Date | null;
  lastReadMessageId: string | null;
  unreadCount: number;
}

/** Unread counts stop here: a badge shows "999+", and the count stays one bounded index scan. */
export const UNREAD_CAP = 999;

const REF_SELECT = {
  id: true,
  kind: true,
  title: true,
  tournamentId: true,
  homeTeamId: true,
  awayTeamId: true,
  archivedAt: true,
} as const;

@Injectable()
export class RoomsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  findRef(id: string): Promise<RoomRef | null> {
    return this.prisma.room.findUnique({ where: { id }, select: REF_SELECT });
  }

  teamRole(teamIds: string[], userId: string): Promise<{ role: string }[]> {
    return this.prisma.teamMember.findMany({ where: { teamId: { in: teamIds }, userId }, select: { role: true } });
  }

  tournament(id: string): Promise<{ organizerId: string; visibility: string } | null> {
    return this.prisma.tournament.findUnique({ where: { id }, select: { organizerId: true, visibility: true } });
  }

  async playsInTournament(tournamentId: string, userId: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ found: number }[]>`
      SELECT 1 AS found FROM tournament_teams tt JOIN team_members tm ON tm.team_id = tt.team_id
      WHERE tt.tournament_id = ${tournamentId}::uuid AND tm.user_id = ${userId}::uuid LIMIT 1`;
    return rows.length > 0;
  }

  memberRole(roomId: string, userId: string): Promise<{ role: string } | null> {
    return this.prisma.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } }, select: { role: true } });
  }

  findDirect(directKey: string): Promise<Room | null> {
    return this.prisma.room.findUnique({ where: { directKey } });
  }

  /** Creates the pair's direct room, or returns the one a concurrent request created. */
  async createDirect(room: { id: string; directKey: string; createdBy: string; userIds: [string, string] }) {
    await this.prisma.$executeRaw`
      INSERT INTO rooms (id, kind, direct_key, created_by) VALUES (${room.id}::uuid, 'direct', ${room.directKey}, ${room.createdBy}::uuid)
      ON CONFLICT (direct_key) DO NOTHING`;
    const stored = (await this.findDirect(room.directKey))!;
    await this.prisma.roomMember.createMany({
      data: room.userIds.map((userId) => ({ roomId: stored.id, userId, role: 'member' })),
      skipDuplicates: true,
    });
    return stored;
  }

  createGroup(room: { id: string; title: string; ownerId: string; memberIds: string[] }): Promise<Room> {
    return this.prisma.room.create({
      data: {
        id: room.id,
        kind: 'group',
        title: room.title,
        createdBy: room.ownerId,
        members: {
          create: [
            { userId: room.ownerId, role: 'owner' },
            ...room.memberIds.filter((id) => id !== room.ownerId).map((userId) => ({ userId, role: 'member' })),
          ],
        },
      },
    });
  }

  countMembers(roomId: string): Promise<number> {
    return this.prisma.roomMember.count({ where: { roomId } });
  }

  async addMember(roomId: string, userId: string): Promise<void> {
    await this.prisma.roomMember.createMany({ data: [{ roomId, userId, role: 'member' }], skipDuplicates: true });
  }

  async removeMember(roomId: string, userId: string): Promise<void> {
    await this.prisma.roomMember.deleteMany({ where: { roomId, userId } });
  }

  /** User ids of everyone who may write in the room (for presence and notifications); bounded by `limit`. */
  async memberIds(room: RoomRef, limit: number): Promise<string[]> {
    const query = this.memberQuery(room, limit);
    const rows = await this.prisma.$queryRaw<{ user_id: string }[]>(query);
    return rows.map((row) => row.user_id);
  }

  private memberQuery(room: RoomRef, limit: number): Prisma.Sql {
    switch (room.kind) {
      case 'team':
        return Prisma.sql`SELECT user_id FROM team_members WHERE team_id = ${room.id}::uuid LIMIT ${limit}`;
      case 'tournament':
        return Prisma.sql`
          SELECT organizer_id AS user_id FROM tournaments WHERE id = ${room.id}::uuid
          UNION SELECT tm.user_id FROM tournament_teams tt JOIN team_members tm ON tm.team_id = tt.team_id
          WHERE tt.tournament_id = ${room.id}::uuid LIMIT ${limit}`;
      case 'match':
        return Prisma.sql`
          SELECT organizer_id AS user_id FROM tournaments WHERE id = ${room.tournamentId}::uuid
          UNION SELECT user_id FROM team_members WHERE team_id IN (${room.homeTeamId}::uuid, ${room.awayTeamId}::uuid)
          LIMIT ${limit}`;
      case 'direct':
      case 'group':
        return Prisma.sql`SELECT user_id FROM room_members WHERE room_id = ${room.id}::uuid LIMIT ${limit}`;
    }
  }

  /** The rooms a user belongs to with their unread counts, bounded by `limit`. */
  myRooms(userId: string, limit: number): Promise<RoomSummaryRow[]> {
    return this.prisma.$queryRaw<RoomSummaryRow[]>`
      WITH mine AS (
        SELECT team_id AS id FROM team_members WHERE user_id = ${userId}::uuid
        UNION SELECT id FROM tournaments WHERE organizer_id = ${userId}::uuid
        UNION SELECT tt.tournament_id FROM tournament_teams tt JOIN team_members tm ON tm.team_id = tt.team_id
              WHERE tm.user_id = ${userId}::uuid
        UNION SELECT r.id FROM rooms r JOIN team_members tm ON tm.team_id IN (r.home_team_id, r.away_team_id)
              WHERE r.kind = 'match' AND tm.user_id = ${userId}::uuid
        UNION SELECT room_id FROM room_members WHERE user_id = ${userId}::uuid
      )
      SELECT r.id, r.kind, r.title, r.archived_at AS "archivedAt", rr.last_read_message_id AS "lastReadMessageId",
        (SELECT count(*)::int FROM (
          SELECT 1 FROM messages m WHERE m.room_id = r.id AND m.sender_id <> ${userId}::uuid AND m.deleted_at IS NULL
            AND (rr.last_read_message_id IS NULL OR m.id > rr.last_read_message_id) LIMIT ${UNREAD_CAP}) unread
        ) AS "unreadCount"
      FROM rooms r JOIN mine ON mine.id = r.id
      LEFT JOIN room_reads rr ON rr.room_id = r.id AND rr.user_id = ${userId}::uuid
      ORDER BY r.archived_at NULLS FIRST, r.id LIMIT ${limit}`;
  }
}
