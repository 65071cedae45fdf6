import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import type { Team, TeamMember } from '../teams/team.model';
import { rosterLimit } from '../teams/team-formats';
import { MemberErrors } from './member.errors';
import { TeamMembersRepository } from './team-members.repository';
import { Clock, EventPublisher } from '@prodvor/platform';

/**
 * Adds players to a roster: the one path used by invitations, invite codes and join requests.
 * The caller holds the team's row lock (`TeamPolicy.lockActiveTeam`), so the limit check and the
 * insert cannot interleave with another join to the same team.
 */
@Injectable()
export class RosterService {
  constructor(
    private readonly members: TeamMembersRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async join(tx: Tx, team: Team, userId: string, correlationId: string): Promise<TeamMember> {
    if (await this.members.find(tx, team.id, userId)) throw MemberErrors.alreadyMember();
    const limit = rosterLimit(team.format);
    if ((await this.members.count(tx, team.id)) >= limit) throw MemberErrors.rosterFull(limit);
    const member = await this.members.add(tx, {
      teamId: team.id,
      userId,
      role: 'player',
      joinedAt: this.clock.now(),
    });
    await this.events.publish(tx, 'team.member.joined', { teamId: team.id, userId, role: 'player' }, correlationId);
    return member;
  }
}
