import type { HomeRsvp, HomeTeam, HomeTeamEvent, MyMembership } from './home.model';
import { JOIN_REQUEST_DECIDERS } from './home.model';
import type { MyActionDto } from './dto/my-actions.dto';
import type { OpenMatch } from './repositories/home-matches.repository';
import type { PendingInvitation, PendingJoinRequest } from './repositories/home-requests.repository';
import { activeOccurrences } from './team-event-series';

// What a user must do, decided from the read models. Each rule mirrors the owning service's own check, so
// an item listed here is one the user may really act on.

/** How far ahead unanswered occurrences are asked about. */
export const RSVP_HORIZON_MS = 14 * 24 * 3_600_000;

/** Invitations to the user that are still pending and not expired (the repository already filtered). */
export function invitationActions(invitations: PendingInvitation[], now: Date): MyActionDto[] {
  return invitations
    .filter((i) => i.expiresAt > now)
    .map((i) => ({
      kind: 'team_invitation',
      id: `team_invitation:${i.invitationId}`,
      dueAt: i.expiresAt.toISOString(),
      teamId: i.teamId,
      teamName: i.teamName,
      invitationId: i.invitationId,
    }));
}

/** The teams whose join requests the user decides: team-service's `requireManager` (captain, vice-captain). */
export function deciderTeamIds(memberships: MyMembership[]): string[] {
  return memberships.filter((m) => JOIN_REQUEST_DECIDERS.includes(m.role)).map((m) => m.teamId);
}

export function joinRequestActions(requests: PendingJoinRequest[], memberships: MyMembership[]): MyActionDto[] {
  const deciding = new Set(deciderTeamIds(memberships));
  return requests
    .filter((r) => deciding.has(r.teamId))
    .map((r) => ({
      kind: 'join_request',
      id: `join_request:${r.requestId}`,
      dueAt: null,
      teamId: r.teamId,
      teamName: r.teamName,
      requestId: r.requestId,
      requesterId: r.userId,
      requesterName: r.displayName,
    }));
}

/** Teams the user captains: tournament-service lets a captain of the opposing team confirm or dispute. */
export function captainTeamIds(memberships: MyMembership[]): string[] {
  return memberships.filter((m) => m.role === 'captain').map((m) => m.teamId);
}

/**
 * Results awaiting confirmation before `confirmBy` that the user may confirm (tournament-service's
 * `requireOpposingCaptain`): as captain of the team that did not report, or of either team when the
 * result came from the final whistle recorded live.
 */
export function confirmResultActions(
  matches: OpenMatch[],
  memberships: MyMembership[],
  teams: Map<string, HomeTeam>,
  now: Date,
): MyActionDto[] {
  const captains = new Set(captainTeamIds(memberships));
  return matches.flatMap((m): MyActionDto[] => {
    if (m.status !== 'awaiting_confirmation' || !m.confirmBy || m.confirmBy <= now) return [];
    if (!m.homeTeamId || !m.awayTeamId) return [];
    // Reported by a team: its opponent confirms. Recorded live (no reporter): either captain does.
    const deciders = m.reportedByTeamId
      ? [m.reportedByTeamId === m.homeTeamId ? m.awayTeamId : m.homeTeamId]
      : [m.homeTeamId, m.awayTeamId];
    const mine = deciders.find((teamId) => captains.has(teamId));
    if (!mine || (m.reportedByTeamId && captains.has(m.reportedByTeamId))) return [];
    const opponent = mine === m.homeTeamId ? m.awayTeamId : m.homeTeamId;
    return [
      {
        kind: 'confirm_result',
        id: `confirm_result:${m.matchId}`,
        dueAt: m.confirmBy.toISOString(),
        teamId: mine,
        teamName: teams.get(mine)?.name ?? null,
        tournamentId: m.tournamentId,
        tournamentName: m.tournamentName,
        matchId: m.matchId,
        opponentTeamId: opponent,
        opponentTeamName: teams.get(opponent)?.name ?? null,
        ...(m.homeScore !== null && m.awayScore !== null ? { homeScore: m.homeScore, awayScore: m.awayScore } : {}),
        ...(m.startsAt ? { startsAt: m.startsAt.toISOString() } : {}),
      },
    ];
  });
}

/** When answers to an occurrence close (team-service's waitlist rule: start minus `rsvpCloseMinutes`). */
export function rsvpClosesAt(event: Pick<HomeTeamEvent, 'rsvpCloseMinutes'>, startsAt: Date): Date {
  return new Date(startsAt.getTime() - event.rsvpCloseMinutes * 60_000);
}

export const answerKey = (eventId: string, occurrenceStart: Date) => `${eventId}|${occurrenceStart.toISOString()}`;

/**
 * Occurrences of the user's teams' events starting within the horizon, not cancelled, still open for
 * answers and not answered by the user.
 */
export function rsvpActions(
  events: HomeTeamEvent[],
  answers: HomeRsvp[],
  memberships: MyMembership[],
  now: Date,
): MyActionDto[] {
  const answered = new Set(answers.map((a) => answerKey(a.eventId, a.occurrenceStart)));
  const teamNames = new Map(memberships.map((m) => [m.teamId, m.name]));
  const horizon = new Date(now.getTime() + RSVP_HORIZON_MS);
  return events.flatMap((event) => {
    if (event.cancelled || !teamNames.has(event.teamId)) return [];
    return activeOccurrences(event, now, horizon).flatMap((o): MyActionDto[] => {
      const closes = rsvpClosesAt(event, o.startsAt);
      if (o.startsAt < now || closes <= now || answered.has(answerKey(event.eventId, o.occurrenceStart))) return [];
      return [
        {
          kind: 'rsvp',
          id: `rsvp:${event.eventId}:${o.occurrenceStart.toISOString()}`,
          dueAt: closes.toISOString(),
          teamId: event.teamId,
          teamName: teamNames.get(event.teamId) ?? null,
          eventId: event.eventId,
          occurrenceStart: o.occurrenceStart.toISOString(),
          title: event.title,
          startsAt: o.startsAt.toISOString(),
        },
      ];
    });
  });
}

/** The order of the list: by deadline (none last), then kind and id, so a cursor can point into it. */
export function actionSortKey(action: Pick<MyActionDto, 'dueAt' | 'kind' | 'id'>): string {
  return `${action.dueAt ?? '~'}|${action.id}`;
}
