import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';

const at = '2026-05-01T18:30:00.000Z';

/** A weekly training as `team.event.*` snapshots carry it: its first occurrence cancelled, one date skipped. */
function trainingSnapshot() {
  return {
    kind: 'training',
    title: 'Tuesday training',
    venueName: 'School No. 5 pitch',
    startsAt: at,
    endsAt: '2026-05-01T20:00:00.000Z',
    timeZone: 'Europe/Moscow',
    capacity: 14,
    rsvpCloseMinutes: 120,
    rule: { weekdays: [2], intervalWeeks: 1, until: null, count: 20, skippedDates: ['2026-05-12'] },
    overrides: [{ occurrenceStart: at, startsAt: null, endsAt: null, cancelled: true }],
    cancelled: false,
    version: 1,
  };
}

/** A valid `data` payload for each message type: used by tests here and by consumers' tests. */
export function sampleData(type: string): unknown {
  const u = () => uuidv4();
  const teamId = u();
  switch (type) {
    case 'user.registered':
      return { userId: u(), username: 'player1', email: 'player1@prodvor.local' };
    case 'user.profile.updated':
      return { userId: u(), displayName: 'Player One', city: 'Kazan' };
    case 'user.deleted':
      return { userId: u() };
    case 'user.email_verified':
      return { userId: u(), email: 'player1@prodvor.local' };
    case 'team.created':
      return { teamId, name: 'Dvor United', shortName: 'DVU', city: 'Kazan', format: '5x5', captainId: u() };
    case 'team.updated':
      return { teamId, changes: { name: 'Dvor City', recruiting: true } };
    case 'team.archived':
      return { teamId };
    case 'team.member.joined':
    case 'team.member.role_changed':
      return { teamId, userId: u(), role: 'player' };
    case 'team.member.left':
      return { teamId, userId: u() };
    case 'team.member.removed':
      return { teamId, userId: u(), removedBy: u() };
    case 'team.captain.transferred':
      return { teamId, fromUserId: u(), toUserId: u() };
    case 'team.event.created':
      return {
        teamId,
        eventId: u(),
        kind: 'training',
        title: 'Tuesday training',
        startsAt: at,
        endsAt: '2026-05-01T20:00:00.000Z',
        timeZone: 'Europe/Moscow',
        recurring: true,
        createdBy: u(),
        snapshot: trainingSnapshot(),
      };
    case 'team.event.updated':
      return {
        teamId,
        eventId: u(),
        occurrenceStart: at,
        fields: ['startsAt', 'endsAt', 'cancelled'],
        updatedBy: u(),
        snapshot: {
          ...trainingSnapshot(),
          overrides: [{ occurrenceStart: at, startsAt: '2026-05-02T18:30:00.000Z', endsAt: null, cancelled: false }],
          version: 2,
        },
      };
    case 'team.event.cancelled':
      return {
        teamId,
        eventId: u(),
        cancelledBy: u(),
        snapshot: { ...trainingSnapshot(), cancelled: true, version: 3 },
      };
    case 'team.event.rsvp_changed':
      return { teamId, eventId: u(), occurrenceStart: at, userId: u(), response: 'yes', waitlisted: false };
    case 'team.invitation.created':
      return { teamId, invitationId: u(), userId: u(), invitedBy: u(), expiresAt: '2026-05-08T18:30:00.000Z' };
    case 'team.invitation.resolved':
      return { teamId, invitationId: u(), userId: u(), status: 'accepted' };
    case 'team.join_request.created':
      return { teamId, requestId: u(), userId: u(), createdAt: at };
    case 'team.join_request.decided':
      return { teamId, requestId: u(), userId: u(), status: 'approved', decidedBy: u() };
    case 'tournament.created':
      return {
        tournamentId: u(),
        organizerId: u(),
        name: 'Summer Cup',
        visibility: 'public',
        format: 'groups_playoffs',
      };
    case 'tournament.updated':
      return { tournamentId: u(), name: 'Summer Cup', visibility: 'private' };
    case 'tournament.cancelled':
      return { tournamentId: u() };
    case 'tournament.team.registered':
    case 'tournament.team.approved':
    case 'tournament.team.rejected':
    case 'tournament.team.withdrawn':
      return { tournamentId: u(), teamId };
    case 'tournament.fixtures.published':
      return { tournamentId: u(), matchIds: [u(), u()] };
    case 'tournament.match.scheduled':
      return {
        tournamentId: u(),
        matchId: u(),
        homeTeamId: u(),
        awayTeamId: u(),
        startsAt: at,
        venueId: u(),
        pitch: 'A',
      };
    case 'tournament.match.rescheduled':
      return { tournamentId: u(), matchId: u(), startsAt: at, previousStartsAt: '2026-05-01T17:00:00.000Z' };
    case 'tournament.match.result_confirmed':
      return {
        tournamentId: u(),
        matchId: u(),
        homeTeamId: u(),
        awayTeamId: u(),
        homeScore: 2,
        awayScore: 1,
        outcome: 'home_win',
      };
    case 'tournament.match.result_reported':
      return {
        tournamentId: u(),
        matchId: u(),
        homeTeamId: u(),
        awayTeamId: teamId,
        homeScore: 2,
        awayScore: 1,
        reportedByTeamId: teamId,
        confirmBy: '2026-05-02T18:30:00.000Z',
      };
    case 'tournament.match.result_disputed':
      return { tournamentId: u(), matchId: u(), homeTeamId: u(), awayTeamId: teamId, disputedByTeamId: teamId };
    case 'tournament.match.result_reopened':
      return { tournamentId: u(), matchId: u(), homeTeamId: u(), awayTeamId: teamId };
    case 'tournament.standings.changed':
      return { tournamentId: u() };
    case 'match.event.recorded':
      return {
        matchId: u(),
        tournamentId: u(),
        sequence: 3,
        minute: 17,
        period: 1,
        recordedBy: u(),
        recordedAt: at,
        kind: 'goal',
        teamId,
        scorerId: u(),
        assistId: u(),
        ownGoal: false,
        penalty: false,
      };
    case 'chat.message.sent':
      return {
        messageId: uuidv7(),
        roomId: u(),
        roomKind: 'team',
        senderId: u(),
        clientMessageId: 'c-42',
        text: 'Game on Saturday?',
        attachments: [],
        mentions: [],
        sentAt: at,
      };
    case 'chat.message.edited':
      return { messageId: uuidv7(), roomId: u(), editorId: u(), text: 'Game on Sunday?', editedAt: at };
    case 'chat.message.deleted':
      return { messageId: uuidv7(), roomId: u(), deletedBy: u(), deletedAt: at };
    case 'media.process':
      return {
        mediaId: u(),
        ownerId: u(),
        purpose: 'avatar',
        bucket: 'prodvor-media',
        key: `avatar/${u()}/${u()}`,
        contentType: 'image/jpeg',
      };
    case 'media.processed':
      return {
        mediaId: u(),
        ownerId: u(),
        purpose: 'avatar',
        variants: [
          {
            name: '200x200',
            key: 'avatar/x/200.webp',
            width: 200,
            height: 200,
            bytes: 5120,
            contentType: 'image/webp',
          },
        ],
      };
    case 'media.failed':
      return { mediaId: u(), ownerId: u(), purpose: 'avatar', code: 'CORRUPT_IMAGE', message: 'cannot decode' };
    case 'media.import':
      return { batchId: u(), requestedBy: u(), purpose: 'match_photo', urls: ['https://example.com/a.jpg'] };
    case 'media.import.completed':
      return {
        batchId: u(),
        requestedBy: u(),
        results: [
          { url: 'https://example.com/a.jpg', status: 'ok', mediaId: u() },
          { url: 'https://example.com/b.jpg', status: 'error', code: 'DOWNLOAD_HTTP_ERROR', httpStatus: 404 },
        ],
      };
    case 'notification.deliver':
      return {
        notificationId: u(),
        userId: u(),
        kind: 'team_invite',
        title: 'You are invited',
        body: 'Dvor United invites you',
        data: { teamId },
        createdAt: at,
      };
    case 'team.event.reminder_due':
      return { eventId: u(), teamId, occurrenceStart: at, version: 2, dueAt: '2026-05-01T16:30:00.000Z' };
    case 'notification.in_app':
      return {
        notificationId: uuidv7(),
        userId: u(),
        kind: 'team_invite',
        title: 'Приглашение в команду',
        body: 'Вас пригласили в «Dvor United»',
        data: { teamId },
        createdAt: at,
      };
    case 'account.email.send':
      return { verificationId: uuidv7(), userId: u() };
    case 'webhook.deliver':
      return { deliveryId: uuidv7(), subscriptionId: u() };
    default:
      throw new Error(`no sample for ${type}`);
  }
}
