import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';

/** Writes of the membership read model; every method is safe to repeat. */
@Injectable()
export class MembershipRepository {
  async upsertRoom(
    tx: Tx,
    room: {
      id: string;
      kind: 'team' | 'tournament' | 'match';
      title?: string;
      tournamentId?: string;
      homeTeamId?: string;
      awayTeamId?: string;
    },
  ): Promise<void> {
    const { id, kind, ...fields } = room;
    await tx.room.upsert({ where: { id }, create: { id, kind, ...fields }, update: fields });
  }

  async archiveRoom(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.room.updateMany({ where: { id, archivedAt: null }, data: { archivedAt: at } });
  }

  async setTeamMember(tx: Tx, teamId: string, userId: string, role: string): Promise<void> {
    await tx.teamMember.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, role },
      update: { role },
    });
  }

  async removeTeamMember(tx: Tx, teamId: string, userId: string): Promise<void> {
    await tx.teamMember.deleteMany({ where: { teamId, userId } });
  }

  async upsertTournament(tx: Tx, id: string, organizerId: string, visibility: string): Promise<void> {
    await tx.tournament.upsert({ where: { id }, create: { id, organizerId, visibility }, update: { visibility } });
  }

  /** A tournament not seen yet keeps no row: its created event brings the visibility it has then. */
  async setTournamentVisibility(tx: Tx, id: string, visibility: string): Promise<void> {
    await tx.tournament.updateMany({ where: { id }, data: { visibility } });
  }

  async archiveTournamentRooms(tx: Tx, tournamentId: string, at: Date): Promise<void> {
    await tx.room.updateMany({
      where: { OR: [{ id: tournamentId }, { tournamentId }], archivedAt: null },
      data: { archivedAt: at },
    });
  }

  async matchRoomIds(tx: Tx, tournamentId: string, limit: number): Promise<string[]> {
    const rows = await tx.room.findMany({ where: { tournamentId }, select: { id: true }, take: limit });
    return rows.map((row) => row.id);
  }

  async approveTeam(tx: Tx, tournamentId: string, teamId: string): Promise<void> {
    await tx.tournamentTeam.createMany({ data: [{ tournamentId, teamId }], skipDuplicates: true });
  }

  async removeTeam(tx: Tx, tournamentId: string, teamId: string): Promise<void> {
    await tx.tournamentTeam.deleteMany({ where: { tournamentId, teamId } });
  }
}
