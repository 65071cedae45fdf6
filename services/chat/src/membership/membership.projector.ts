import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import type { MembershipChange } from '../rooms/room-access.service';
import type { MembershipEvent } from './membership-events';
import { MembershipRepository } from './membership.repository';

/** An announcement names at most this many rooms; a tournament with more rechecks every socket instead. */
const MAX_ANNOUNCED_ROOMS = 1000;

/** Applies one team or tournament event to rooms and the membership read model. */
@Injectable()
export class MembershipProjector {
  constructor(private readonly repository: MembershipRepository) {}

  /** Applies `event` and answers whose sockets and which rooms' sockets must be checked again. */
  async apply(tx: Tx, event: MembershipEvent): Promise<MembershipChange> {
    await this.project(tx, event);
    if (event.type !== 'tournament.updated' && event.type !== 'tournament.cancelled') return changeOf(event);
    // Visibility decides who reads the tournament's match rooms: every one of them is checked again.
    const matchRooms = await this.repository.matchRoomIds(tx, event.data.tournamentId, MAX_ANNOUNCED_ROOMS);
    if (matchRooms.length >= MAX_ANNOUNCED_ROOMS) return { roomIds: [], userIds: [] };
    return { roomIds: [event.data.tournamentId, ...matchRooms], userIds: [] };
  }

  private async project(tx: Tx, event: MembershipEvent): Promise<void> {
    const r = this.repository;
    switch (event.type) {
      case 'team.created':
        await r.upsertRoom(tx, { id: event.data.teamId, kind: 'team', title: event.data.name });
        return r.setTeamMember(tx, event.data.teamId, event.data.captainId, 'captain');
      case 'team.updated':
        if (event.data.changes.name)
          await r.upsertRoom(tx, { id: event.data.teamId, kind: 'team', title: event.data.changes.name });
        return;
      case 'team.archived':
        return r.archiveRoom(tx, event.data.teamId, new Date(event.occurredAt));
      case 'team.member.joined':
      case 'team.member.role_changed':
        return r.setTeamMember(tx, event.data.teamId, event.data.userId, event.data.role);
      case 'team.member.left':
      case 'team.member.removed':
        return r.removeTeamMember(tx, event.data.teamId, event.data.userId);
      case 'team.captain.transferred':
        // The former captain's new role follows as team.member.role_changed.
        await r.setTeamMember(tx, event.data.teamId, event.data.fromUserId, 'player');
        return r.setTeamMember(tx, event.data.teamId, event.data.toUserId, 'captain');
      case 'tournament.created':
        await r.upsertTournament(tx, event.data.tournamentId, event.data.organizerId, event.data.visibility);
        return r.upsertRoom(tx, { id: event.data.tournamentId, kind: 'tournament', title: event.data.name });
      case 'tournament.updated':
        await r.setTournamentVisibility(tx, event.data.tournamentId, event.data.visibility);
        return r.upsertRoom(tx, { id: event.data.tournamentId, kind: 'tournament', title: event.data.name });
      case 'tournament.cancelled':
        // Kept for reading; nobody writes in a cancelled tournament's rooms any more.
        return r.archiveTournamentRooms(tx, event.data.tournamentId, new Date(event.occurredAt));
      case 'tournament.team.approved':
        return r.approveTeam(tx, event.data.tournamentId, event.data.teamId);
      case 'tournament.team.rejected':
      case 'tournament.team.withdrawn':
        return r.removeTeam(tx, event.data.tournamentId, event.data.teamId);
      case 'tournament.match.scheduled':
      case 'tournament.match.rescheduled':
        return r.upsertRoom(tx, {
          id: event.data.matchId,
          kind: 'match',
          tournamentId: event.data.tournamentId,
          homeTeamId: event.data.homeTeamId,
          awayTeamId: event.data.awayTeamId,
        });
    }
  }
}

/** Whose sockets and which rooms' sockets must have their access checked again after `event`. */
export function changeOf(event: MembershipEvent): MembershipChange {
  switch (event.type) {
    case 'team.created':
    case 'team.updated':
    case 'team.archived':
      return { roomIds: [event.data.teamId], userIds: [] };
    case 'team.member.joined':
    case 'team.member.left':
    case 'team.member.removed':
    case 'team.member.role_changed':
      // The user's access to the team's tournament and match rooms changes too: check all their rooms.
      return { roomIds: [event.data.teamId], userIds: [event.data.userId] };
    case 'team.captain.transferred':
      return { roomIds: [event.data.teamId], userIds: [event.data.fromUserId, event.data.toUserId] };
    case 'tournament.created':
    case 'tournament.updated':
    case 'tournament.cancelled':
    case 'tournament.team.approved':
    case 'tournament.team.rejected':
    case 'tournament.team.withdrawn':
      return { roomIds: [event.data.tournamentId], userIds: [] };
    case 'tournament.match.scheduled':
    case 'tournament.match.rescheduled':
      return { roomIds: [event.data.matchId], userIds: [] };
  }
}
