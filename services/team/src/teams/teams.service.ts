import { Injectable } from '@nestjs/common';
import type { MessageData } from '@prodvor/contracts';
import {
  type Actor,
  Clock,
  cursorAfter,
  EventPublisher,
  idCursor,
  IdGenerator,
  isUniqueViolation,
  type Page,
  toPage,
  UserProfiles,
} from '@prodvor/platform';
import { createHash } from 'node:crypto';
import { TransactionRunner } from '../database/transaction-runner';
import type { Team } from './team.model';
import type { CreateTeamDto } from './dto/create-team.dto';
import type { ListTeamsQueryDto } from './dto/list-teams.query.dto';
import { TeamDto } from './dto/team.dto';
import { TeamPageDto } from './dto/team-page.dto';
import type { UpdateTeamDto } from './dto/update-team.dto';
import { rosterLimit } from './team-formats';
import { publishTeamArchived } from './team-archived.publisher';
import { TeamPageCache } from './team-page.cache';
import { TeamPolicy } from './team-policy';
import { TeamErrors } from './team.errors';
import { TeamsRepository, type TeamChanges } from './teams.repository';

export interface CreatedTeam {
  team: TeamDto;
  /** False when an earlier request with the same Idempotency-Key created it. */
  created: boolean;
}

@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly policy: TeamPolicy,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly pageCache: TeamPageCache,
    private readonly profiles: UserProfiles,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(actor: Actor, dto: CreateTeamDto, idempotencyKey?: string): Promise<CreatedTeam> {
    // Sorted keys: the same body sent with its fields in another order is the same request.
    const canonical = JSON.stringify(dto, Object.keys(dto).sort());
    const requestHash = createHash('sha256').update(canonical).digest('hex');
    try {
      return await this.createOnce(actor, dto, requestHash, idempotencyKey);
    } catch (error) {
      // Two concurrent requests with the same key: the loser's insert hits the key's primary key; on
      // the retry it finds the winner's team.
      if (idempotencyKey && isUniqueViolation(error)) return this.createOnce(actor, dto, requestHash, idempotencyKey);
      throw error;
    }
  }

  private createOnce(
    actor: Actor,
    dto: CreateTeamDto,
    requestHash: string,
    idempotencyKey: string | undefined,
  ): Promise<CreatedTeam> {
    return this.transactions.run(async (tx) => {
      if (idempotencyKey) {
        const earlier = await this.teams.findIdempotencyKey(tx, actor.userId, idempotencyKey);
        if (earlier) {
          if (earlier.requestHash !== requestHash) throw TeamErrors.idempotencyKeyReused();
          const team = await this.teams.findById(earlier.resourceId, tx);
          if (!team) throw TeamErrors.notFound();
          return { team: TeamDto.from(team, await this.teams.memberCount(tx, team.id)), created: false };
        }
      }
      const now = this.clock.now();
      const team = await this.teams.create(tx, {
        id: this.ids.id(),
        name: dto.name,
        shortName: dto.shortName,
        city: dto.city,
        format: dto.format,
        colors: dto.colors ?? [],
        logoMediaId: dto.logoMediaId,
        description: dto.description,
        recruiting: dto.recruiting ?? false,
        createdBy: actor.userId,
        createdAt: now,
      });
      if (idempotencyKey) {
        await this.teams.saveIdempotencyKey(tx, {
          userId: actor.userId,
          key: idempotencyKey,
          requestHash,
          resourceId: team.id,
          createdAt: now,
        });
      }
      await this.events.publish(
        tx,
        'team.created',
        {
          teamId: team.id,
          name: team.name,
          ...(team.shortName ? { shortName: team.shortName } : {}),
          ...(team.city ? { city: team.city } : {}),
          format: dto.format,
          captainId: actor.userId,
        },
        actor.correlationId,
      );
      await this.events.publish(
        tx,
        'team.member.joined',
        { teamId: team.id, userId: actor.userId, role: 'captain' },
        actor.correlationId,
      );
      return { team: TeamDto.from(team, 1), created: true };
    });
  }

  async update(actor: Actor, teamId: string, dto: UpdateTeamDto): Promise<TeamDto> {
    const team = await this.transactions.run(async (tx) => {
      const current = await this.policy.lockActiveTeam(tx, teamId);
      await this.policy.requireManager(tx, teamId, actor.userId);
      const changes = changedFields(current, dto);
      if (Object.keys(changes).length === 0) return TeamDto.from(current, await this.teams.memberCount(tx, teamId));
      if (changes.format) {
        const limit = rosterLimit(changes.format);
        if ((await this.teams.memberCount(tx, teamId)) > limit) throw TeamErrors.formatTooSmall(limit);
      }
      const updated = await this.teams.update(tx, teamId, changes, this.clock.now());
      await this.events.publish(tx, 'team.updated', { teamId, changes: contractChanges(changes) }, actor.correlationId);
      return TeamDto.from(updated, await this.teams.memberCount(tx, teamId));
    });
    await this.pageCache.invalidate(teamId);
    return team;
  }

  async archive(actor: Actor, teamId: string): Promise<TeamDto> {
    const team = await this.transactions.run(async (tx) => {
      await this.policy.lockActiveTeam(tx, teamId);
      await this.policy.requireCaptain(tx, teamId, actor.userId);
      const archived = await this.teams.archive(tx, teamId, this.clock.now(), actor.userId);
      await publishTeamArchived(this.events, tx, archived, actor.userId, actor.correlationId);
      return TeamDto.from(archived.team, await this.teams.memberCount(tx, teamId));
    });
    await this.pageCache.invalidate(teamId);
    return team;
  }

  async list(query: ListTeamsQueryDto): Promise<Page<TeamDto>> {
    const afterId = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.teams.list({
      q: query.q,
      city: query.city,
      recruiting: query.recruiting,
      afterId: afterId,
      take: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (row) => ({ id: row.id }),
      (row) => TeamDto.from(row, row._count.members),
    );
  }

  page(teamId: string): Promise<TeamPageDto> {
    return this.pageCache.get(teamId, async () => {
      const team = await this.teams.findWithMembers(teamId);
      if (!team) throw TeamErrors.notFound();
      return TeamPageDto.fromTeam(team, await this.profiles.people(team.members.map((m) => m.userId)));
    });
  }
}

function changedFields(team: Team, dto: UpdateTeamDto): TeamChanges {
  const changes: TeamChanges = {};
  const keys = ['name', 'shortName', 'city', 'format', 'logoMediaId', 'description', 'recruiting'] as const;
  for (const key of keys) {
    const value = dto[key];
    if (value !== undefined && value !== team[key]) Object.assign(changes, { [key]: value });
  }
  if (dto.colors && dto.colors.join() !== team.colors.join()) changes.colors = dto.colors;
  return changes;
}

/** The subset of changes the `team.updated` contract carries (others are not of interest to consumers). */
function contractChanges(changes: TeamChanges): MessageData<'team.updated'>['changes'] {
  const { name, shortName, city, format, recruiting, logoMediaId } = changes;
  return {
    ...(name !== undefined ? { name } : {}),
    ...(shortName ? { shortName } : {}),
    ...(city ? { city } : {}),
    ...(format ? { format: format as MessageData<'team.created'>['format'] } : {}),
    ...(recruiting !== undefined ? { recruiting } : {}),
    ...(logoMediaId !== undefined ? { logoMediaId } : {}),
  };
}
