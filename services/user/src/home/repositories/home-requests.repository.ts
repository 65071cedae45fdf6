import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner';
import { PrismaClient } from '../../generated/prisma/client';

export interface PendingInvitation {
  invitationId: string;
  teamId: string;
  teamName: string;
  expiresAt: Date;
}

export interface PendingJoinRequest {
  requestId: string;
  teamId: string;
  teamName: string;
  userId: string;
  /** The requester's display name, when their profile is here. */
  displayName: string | null;
  createdAt: Date;
}

/** Invitations and join requests (the only code that touches those two tables). */
@Injectable()
export class HomeRequestsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** A new pending invitation; one already known (redelivered, or resolved first) is left as it is. */
  async invitationCreated(
    tx: Tx,
    invitation: { invitationId: string; teamId: string; userId: string; expiresAt: Date },
  ): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO home_invitations (invitation_id, team_id, user_id, expires_at, status)
      SELECT ${invitation.invitationId}::uuid, ${invitation.teamId}::uuid, ${invitation.userId}::uuid,
        ${invitation.expiresAt}, 'pending'
      WHERE NOT EXISTS (SELECT 1 FROM deleted_accounts WHERE user_id = ${invitation.userId}::uuid)
      ON CONFLICT (invitation_id) DO NOTHING`;
  }

  async invitationResolved(
    tx: Tx,
    invitation: { invitationId: string; teamId: string; userId: string; status: string },
  ): Promise<void> {
    await tx.homeInvitation.upsert({
      where: { invitationId: invitation.invitationId },
      create: { ...invitation, expiresAt: new Date(0) },
      update: { status: invitation.status },
    });
  }

  async joinRequestCreated(
    tx: Tx,
    request: { requestId: string; teamId: string; userId: string; createdAt: Date },
  ): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO home_join_requests (request_id, team_id, user_id, created_at, status)
      SELECT ${request.requestId}::uuid, ${request.teamId}::uuid, ${request.userId}::uuid, ${request.createdAt},
        'pending'
      WHERE NOT EXISTS (SELECT 1 FROM deleted_accounts WHERE user_id = ${request.userId}::uuid)
      ON CONFLICT (request_id) DO NOTHING`;
  }

  async joinRequestDecided(
    tx: Tx,
    request: { requestId: string; teamId: string; userId: string; status: string },
  ): Promise<void> {
    await tx.homeJoinRequest.upsert({
      where: { requestId: request.requestId },
      create: { ...request, createdAt: new Date(0) },
      update: { status: request.status },
    });
  }

  async forgetUser(tx: Tx, userId: string): Promise<void> {
    await tx.homeInvitation.deleteMany({ where: { userId } });
    await tx.homeJoinRequest.deleteMany({ where: { userId } });
  }

  /** Pending invitations to the user, to teams that are not archived, expiring after `now`. */
  pendingInvitations(userId: string, now: Date, take: number): Promise<PendingInvitation[]> {
    return this.prisma.$queryRaw<PendingInvitation[]>`
      SELECT i.invitation_id AS "invitationId", i.team_id AS "teamId", t.name AS "teamName",
             i.expires_at AS "expiresAt"
      FROM home_invitations i JOIN home_teams t ON t.team_id = i.team_id
      WHERE i.user_id = ${userId}::uuid AND i.status = 'pending' AND i.expires_at > ${now} AND NOT t.archived
      ORDER BY i.expires_at, i.invitation_id
      LIMIT ${take}`;
  }

  /** Pending join requests to these teams (not archived), oldest first. */
  pendingJoinRequests(teamIds: readonly string[], take: number): Promise<PendingJoinRequest[]> {
    if (teamIds.length === 0) return Promise.resolve([]);
    return this.prisma.$queryRaw<PendingJoinRequest[]>`
      SELECT r.request_id AS "requestId", r.team_id AS "teamId", t.name AS "teamName", r.user_id AS "userId",
             p.display_name AS "displayName", r.created_at AS "createdAt"
      FROM home_join_requests r
        JOIN home_teams t ON t.team_id = r.team_id
        LEFT JOIN profiles p ON p.id = r.user_id
      WHERE r.team_id = ANY(${[...teamIds]}::uuid[]) AND r.status = 'pending' AND NOT t.archived
      ORDER BY r.created_at, r.request_id
      LIMIT ${take}`;
  }
}
