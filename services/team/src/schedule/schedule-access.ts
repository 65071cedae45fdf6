import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { TeamErrors } from '../teams/team.errors';
import type { TeamRole } from '../teams/team.model';
import { TeamPolicy } from '../teams/team-policy';
import { TeamsRepository } from '../teams/teams.repository';
import { ScheduleErrors } from './schedule.errors';

/** Who may see a team's events (its members) and who may change them (the captain and vice-captains). */
@Injectable()
export class ScheduleAccess {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly policy: TeamPolicy,
  ) {}

  /** A stranger is refused with 403 (the team itself is public: its existence is no secret). */
  async requireMember(tx: Tx, teamId: string, userId: string): Promise<TeamRole> {
    const role = await this.teams.roleOf(tx, teamId, userId);
    if (role) return role;
    if (!(await this.teams.findById(teamId, tx))) throw TeamErrors.notFound();
    throw ScheduleErrors.membersOnly();
  }

  async requireManager(tx: Tx, teamId: string, userId: string): Promise<void> {
    if (!(await this.teams.findById(teamId, tx))) throw TeamErrors.notFound();
    await this.policy.requireManager(tx, teamId, userId);
  }

  /** Changes need an active (not archived) team. */
  async requireActiveManager(tx: Tx, teamId: string, userId: string): Promise<void> {
    await this.requireManager(tx, teamId, userId);
    const team = await this.teams.findById(teamId, tx);
    if (team?.archivedAt) throw TeamErrors.archived();
  }
}
