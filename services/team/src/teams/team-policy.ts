import { Injectable } from '@nestjs/common';
import type { Team, TeamRole } from './team.model';
import type { Tx } from '../database/transaction-runner';
import { TeamErrors } from './team.errors';
import { TeamsRepository } from './teams.repository';

/** Object-level rules shared by every feature: which team may change, and who may change it. */
@Injectable()
export class TeamPolicy {
  constructor(private readonly teams: TeamsRepository) {}

  /** Locks an active team for the rest of the transaction (see `TeamsRepository.lockForUpdate`). */
  async lockActiveTeam(tx: Tx, teamId: string): Promise<Team> {
    const team = await this.teams.lockForUpdate(tx, teamId);
    if (!team) throw TeamErrors.notFound();
    if (team.archivedAt) throw TeamErrors.archived();
    return team;
  }

  async requireManager(tx: Tx, teamId: string, userId: string): Promise<TeamRole> {
    const role = await this.teams.roleOf(tx, teamId, userId);
    if (role !== 'captain' && role !== 'vice_captain') throw TeamErrors.notManager();
    return role;
  }

  async requireCaptain(tx: Tx, teamId: string, userId: string): Promise<void> {
    if ((await this.teams.roleOf(tx, teamId, userId)) !== 'captain') throw TeamErrors.notCaptain();
  }
}
