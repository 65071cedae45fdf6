import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { PrismaClient } from '../generated/prisma/client';

/** The local copy of team-service's teams and rosters (the only code that touches those tables). */
@Injectable()
export class TeamViewsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async upsertTeam(tx: Tx, teamId: string, name: string, captainId: string): Promise<void> {
    await tx.teamView.upsert({ where: { teamId }, create: { teamId, name }, update: { name } });
    await this.setRole(tx, teamId, captainId, 'captain');
  }

  async rename(tx: Tx, teamId: string, name: string): Promise<void> {
    await tx.teamView.updateMany({ where: { teamId }, data: { name } });
  }

  async setLogo(tx: Tx, teamId: string, logoMediaId: string | null): Promise<void> {
    await tx.teamView.updateMany({ where: { teamId }, data: { logoMediaId } });
  }

  async archive(tx: Tx, teamId: string): Promise<void> {
    await tx.teamView.updateMany({ where: { teamId }, data: { archived: true } });
  }

  /** A member event for a team created before this read model existed creates a placeholder row. */
  async setRole(tx: Tx, teamId: string, userId: string, role: string): Promise<void> {
    await tx.teamView.upsert({ where: { teamId }, create: { teamId, name: 'Team' }, update: {} });
    await tx.teamMemberView.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, role },
      update: { role },
    });
  }

  async removeMember(tx: Tx, teamId: string, userId: string): Promise<void> {
    await tx.teamMemberView.deleteMany({ where: { teamId, userId } });
  }

  async removeUser(tx: Tx, userId: string): Promise<void> {
    await tx.teamMemberView.deleteMany({ where: { userId } });
  }

  async roleOf(teamId: string, userId: string, tx: Tx = this.prisma): Promise<string | null> {
    const member = await tx.teamMemberView.findUnique({ where: { teamId_userId: { teamId, userId } } });
    return member?.role ?? null;
  }

  async isActiveTeam(teamId: string, tx: Tx = this.prisma): Promise<boolean> {
    const team = await tx.teamView.findUnique({ where: { teamId } });
    return team !== null && !team.archived;
  }

  async memberIds(teamIds: readonly string[], tx: Tx = this.prisma): Promise<Map<string, string[]>> {
    const rows = await tx.teamMemberView.findMany({ where: { teamId: { in: [...teamIds] } } });
    const byTeam = new Map<string, string[]>(teamIds.map((id) => [id, []]));
    for (const row of rows) byTeam.get(row.teamId)?.push(row.userId);
    return byTeam;
  }

  async captainIds(teamIds: readonly string[], tx: Tx = this.prisma): Promise<Map<string, string[]>> {
    const rows = await tx.teamMemberView.findMany({ where: { teamId: { in: [...teamIds] }, role: 'captain' } });
    const byTeam = new Map<string, string[]>();
    for (const row of rows) byTeam.set(row.teamId, [...(byTeam.get(row.teamId) ?? []), row.userId]);
    return byTeam;
  }

  async names(teamIds: readonly string[]): Promise<Map<string, string>> {
    if (teamIds.length === 0) return new Map();
    const rows = await this.prisma.teamView.findMany({ where: { teamId: { in: [...teamIds] } } });
    return new Map(rows.map((r) => [r.teamId, r.name]));
  }

  /** Names and logos for public pages. */
  async displays(teamIds: readonly string[]): Promise<Map<string, { name: string; logoMediaId: string | null }>> {
    if (teamIds.length === 0) return new Map();
    const rows = await this.prisma.teamView.findMany({ where: { teamId: { in: [...teamIds] } } });
    return new Map(rows.map((r) => [r.teamId, { name: r.name, logoMediaId: r.logoMediaId }]));
  }

  async teamsOf(userId: string): Promise<string[]> {
    const rows = await this.prisma.teamMemberView.findMany({ where: { userId }, select: { teamId: true } });
    return rows.map((r) => r.teamId);
  }
}
