import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Clock,
  cursorAfter,
  CursorPaginationQueryDto,
  idCursor,
  IdGenerator,
  type Page,
  toPage,
  UserProfiles,
} from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import { RosterService } from '../members/roster.service';
import { TeamMemberDto } from '../teams/dto/team-page.dto';
import { TeamPageCache } from '../teams/team-page.cache';
import { TeamPolicy } from '../teams/team-policy';
import { TeamErrors } from '../teams/team.errors';
import type { CreateInviteCodeDto } from './dto/create-invite-code.dto';
import { InviteCodeDto, RedeemedInviteCodeDto } from './dto/invite-code.dto';
import { InvitationErrors } from './invitation.errors';
import { InvitationsRepository } from './invitations.repository';

const HOUR_MS = 3_600_000;

/** Codes (shared as links) that let anyone join a recruiting team until revoked, used up or expired. */
@Injectable()
export class InviteCodesService {
  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly roster: RosterService,
    private readonly policy: TeamPolicy,
    private readonly transactions: TransactionRunner,
    private readonly pageCache: TeamPageCache,
    private readonly profiles: UserProfiles,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(actor: Actor, teamId: string, dto: CreateInviteCodeDto): Promise<InviteCodeDto> {
    const code = await this.transactions.run(async (tx) => {
      await this.policy.lockActiveTeam(tx, teamId);
      await this.policy.requireManager(tx, teamId, actor.userId);
      const now = this.clock.now();
      return this.invitations.createCode(tx, {
        id: this.ids.id(),
        teamId,
        code: inviteCode(this.ids),
        createdBy: actor.userId,
        maxUses: dto.maxUses ?? null,
        expiresAt: dto.expiresInHours ? new Date(now.getTime() + dto.expiresInHours * HOUR_MS) : null,
        createdAt: now,
      });
    });
    return InviteCodeDto.from(code);
  }

  async list(actor: Actor, teamId: string, query: CursorPaginationQueryDto): Promise<Page<InviteCodeDto>> {
    await this.transactions.run((tx) => this.policy.requireManager(tx, teamId, actor.userId));
    const afterId = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.invitations.listActiveCodes(teamId, afterId, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => ({ id: row.id }),
      (row) => InviteCodeDto.from(row),
    );
  }

  async revoke(actor: Actor, code: string): Promise<InviteCodeDto> {
    const revoked = await this.transactions.run(async (tx) => {
      const found = await this.invitations.findCode(code, tx);
      if (!found) throw InvitationErrors.codeNotFound();
      await this.policy.lockActiveTeam(tx, found.teamId);
      await this.policy.requireManager(tx, found.teamId, actor.userId);
      return found.revokedAt ? found : this.invitations.revokeCode(tx, found.id, this.clock.now());
    });
    return InviteCodeDto.from(revoked);
  }

  /** Joins the code's team as a player. */
  async redeem(actor: Actor, code: string): Promise<RedeemedInviteCodeDto> {
    const member = await this.transactions.run(async (tx) => {
      const found = await this.invitations.findCode(code, tx);
      if (!found) throw InvitationErrors.codeNotFound();
      const team = await this.policy.lockActiveTeam(tx, found.teamId);
      // Re-read under the team lock: uses counted by a concurrent redeem are visible now.
      const current = (await this.invitations.findCode(code, tx))!;
      if (current.revokedAt) throw InvitationErrors.codeRevoked();
      if (current.expiresAt && current.expiresAt <= this.clock.now()) throw InvitationErrors.codeExpired();
      if (current.maxUses !== null && current.uses >= current.maxUses) throw InvitationErrors.codeUsedUp();
      if (!team.recruiting) throw TeamErrors.notRecruiting();
      const joined = await this.roster.join(tx, team, actor.userId, actor.correlationId);
      await this.invitations.countCodeUse(tx, current.id);
      return joined;
    });
    await this.pageCache.invalidate(member.teamId);
    return { teamId: member.teamId, member: TeamMemberDto.from(member, await this.profiles.people([member.userId])) };
  }
}

/** 10 url-safe characters (60 bits): short enough for a link, too many to guess. */
function inviteCode(ids: IdGenerator): string {
  return ids.secret(8).slice(0, 10);
}
