import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Clock,
  cursorAfter,
  CursorPaginationQueryDto,
  EventPublisher,
  idCursor,
  IdGenerator,
  isUniqueViolation,
  type Page,
  toPage,
  UserProfiles,
} from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import { TeamNotificationsPublisher } from '../events/team-notifications.publisher';
import type { JoinRequest } from './join-request.model';
import { MemberErrors } from '../members/member.errors';
import { RosterService } from '../members/roster.service';
import { TeamMembersRepository } from '../members/team-members.repository';
import { TeamPageCache } from '../teams/team-page.cache';
import { TeamPolicy } from '../teams/team-policy';
import { TeamErrors } from '../teams/team.errors';
import type { CreateJoinRequestDto } from './dto/create-join-request.dto';
import { JoinRequestDto } from './dto/join-request.dto';
import { JoinRequestErrors } from './join-request.errors';
import { JoinRequestsRepository } from './join-requests.repository';

type Decision = 'approved' | 'rejected';

@Injectable()
export class JoinRequestsService {
  constructor(
    private readonly requests: JoinRequestsRepository,
    private readonly members: TeamMembersRepository,
    private readonly roster: RosterService,
    private readonly policy: TeamPolicy,
    private readonly transactions: TransactionRunner,
    private readonly notifications: TeamNotificationsPublisher,
    private readonly events: EventPublisher,
    private readonly pageCache: TeamPageCache,
    private readonly profiles: UserProfiles,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** A user asks to join a recruiting team; its captain and vice-captains are notified. */
  async create(actor: Actor, teamId: string, dto: CreateJoinRequestDto): Promise<JoinRequestDto> {
    const request = await this.transactions
      .run(async (tx) => {
        const team = await this.policy.lockActiveTeam(tx, teamId);
        if (!team.recruiting) throw TeamErrors.notRecruiting();
        if (await this.members.find(tx, teamId, actor.userId)) throw MemberErrors.alreadyMember();
        if (await this.requests.findPending(tx, teamId, actor.userId)) throw JoinRequestErrors.alreadyPending();
        const created = await this.requests.create(tx, {
          id: this.ids.id(),
          teamId,
          userId: actor.userId,
          message: dto.message ?? null,
          createdAt: this.clock.now(),
        });
        await this.events.publish(
          tx,
          'team.join_request.created',
          { teamId, requestId: created.id, userId: created.userId, createdAt: created.createdAt.toISOString() },
          actor.correlationId,
        );
        const managers = await this.requests.managersOf(teamId, tx);
        await this.notifications.queue(
          tx,
          managers.map((userId) => ({
            userId,
            kind: 'join_request' as const,
            title: `New join request for ${team.name}`,
            body: dto.message ?? 'A player asks to join your team.',
            data: { teamId, joinRequestId: created.id, userId: actor.userId },
          })),
          actor.correlationId,
        );
        return created;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? JoinRequestErrors.alreadyPending() : error;
      });
    return this.toDto(request);
  }

  async listPending(actor: Actor, teamId: string, query: CursorPaginationQueryDto): Promise<Page<JoinRequestDto>> {
    await this.transactions.run((tx) => this.policy.requireManager(tx, teamId, actor.userId));
    const afterId = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.requests.listPending(teamId, afterId, query.limit + 1);
    const people = await this.profiles.people(rows.map((row) => row.userId));
    return toPage(
      rows,
      query.limit,
      (row) => ({ id: row.id }),
      (row) => JoinRequestDto.from(row, people),
    );
  }

  private async toDto(request: JoinRequest): Promise<JoinRequestDto> {
    return JoinRequestDto.from(request, await this.profiles.people([request.userId]));
  }

  approve(actor: Actor, requestId: string): Promise<JoinRequestDto> {
    return this.decide(actor, requestId, 'approved');
  }

  reject(actor: Actor, requestId: string): Promise<JoinRequestDto> {
    return this.decide(actor, requestId, 'rejected');
  }

  /** A captain or vice-captain answers; approval adds the player within the roster limit. */
  private async decide(actor: Actor, requestId: string, decision: Decision): Promise<JoinRequestDto> {
    const request = await this.transactions.run(async (tx) => {
      const found = await this.requests.findById(requestId, tx);
      if (!found) throw JoinRequestErrors.notFound();
      const team = await this.policy.lockActiveTeam(tx, found.teamId);
      await this.policy.requireManager(tx, team.id, actor.userId);
      const current = (await this.requests.findById(requestId, tx)) as JoinRequest;
      if (current.status !== 'pending') throw JoinRequestErrors.notPending(current.status);
      if (decision === 'approved') await this.roster.join(tx, team, current.userId, actor.correlationId);
      const decided = await this.requests.decide(tx, current.id, decision, actor.userId, this.clock.now());
      await this.events.publish(
        tx,
        'team.join_request.decided',
        {
          teamId: decided.teamId,
          requestId: decided.id,
          userId: decided.userId,
          status: decision,
          decidedBy: actor.userId,
        },
        actor.correlationId,
      );
      await this.notifications.queue(
        tx,
        [
          {
            userId: decided.userId,
            kind: 'join_request_decided',
            title: decision === 'approved' ? `Welcome to ${team.name}` : `Join request to ${team.name}`,
            body: decision === 'approved' ? 'Your request was approved.' : 'Your request was declined.',
            data: { teamId: decided.teamId, joinRequestId: decided.id, decision },
          },
        ],
        actor.correlationId,
      );
      return decided;
    });
    if (decision === 'approved') await this.pageCache.invalidate(request.teamId);
    return this.toDto(request);
  }
}
