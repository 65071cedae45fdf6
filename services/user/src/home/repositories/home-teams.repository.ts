import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner';
import { PrismaClient } from '../../generated/prisma/client';
import type { HomeTeam, MyMembership } from '../home.model';

export interface NewTeam {
  teamId: string;
  name: string;
  shortName: string | null;
}

export interface TeamChanges {
  name?: string;
  shortName?: string;
  logoMediaId?: string | null;
}

/** Teams and rosters as team-service announces them (the only code that touches those two tables). */
@Injectable()
export class HomeTeamsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async create(tx: Tx, team: NewTeam, at: Date): Promise<void> {
    await tx.homeTeam.upsert({
      where: { teamId: team.teamId },
      create: { ...team, eventAt: at },
      update: {},
    });
  }

  async change(tx: Tx, teamId: string, changes: TeamChanges, at: Date): Promise<void> {
    await tx.homeTeam.updateMany({ where: { teamId }, data: { ...changes, eventAt: at } });
  }

  async archive(tx: Tx, teamId: string, at: Date): Promise<void> {
    await tx.homeTeam.updateMany({ where: { teamId }, data: { archived: true, eventAt: at } });
  }

  /** Sets a member's role (joining when absent); an account deleted here is not brought back. */
  async setRole(tx: Tx, teamId: string, userId: string, role: string): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO home_memberships (team_id, user_id, role)
      SELECT ${teamId}::uuid, ${userId}::uuid, ${role}
      WHERE NOT EXISTS (SELECT 1 FROM deleted_accounts WHERE user_id = ${userId}::uuid)
      ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role`;
  }

  async removeMember(tx: Tx, teamId: string, userId: string): Promise<void> {
    await tx.homeMembership.deleteMany({ where: { teamId, userId } });
  }

  async forgetUser(tx: Tx, userId: string): Promise<void> {
    await tx.homeMembership.deleteMany({ where: { userId } });
  }

  /** The user's teams that are not archived, ordered by team id, at most `take` after `afterTeamId`. */
  async myTeams(userId: string, take: number, afterTeamId?: string): Promise<MyMembership[]> {
    return this.prisma.$queryRaw<MyMembership[]>`
      SELECT t.team_id AS "teamId", t.name, t.short_name AS "shortName", t.logo_media_id AS "logoMediaId",
             m.role
      FROM home_memberships m JOIN home_teams t ON t.team_id = m.team_id
      WHERE m.user_id = ${userId}::uuid AND NOT t.archived
        AND (${afterTeamId ?? null}::uuid IS NULL OR t.team_id > ${afterTeamId ?? null}::uuid)
      ORDER BY t.team_id
      LIMIT ${take}`;
  }

  /** Teams by id (archived ones too: callers decide). */
  async teams(teamIds: readonly string[]): Promise<Map<string, HomeTeam>> {
    if (teamIds.length === 0) return new Map();
    const rows = await this.prisma.homeTeam.findMany({ where: { teamId: { in: [...teamIds] } } });
    return new Map(
      rows.map((r) => [
        r.teamId,
        { teamId: r.teamId, name: r.name, shortName: r.shortName, logoMediaId: r.logoMediaId, archived: r.archived },
      ]),
    );
  }
}
