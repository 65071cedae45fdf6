import { DomainError } from '@prodvor/platform';

export const ScheduleErrorCode = {
  MEMBERS_ONLY: 'TEAM_EVENT_MEMBERS_ONLY',
  NOT_FOUND: 'TEAM_EVENT_NOT_FOUND',
  OCCURRENCE_NOT_FOUND: 'TEAM_EVENT_OCCURRENCE_NOT_FOUND',
  CANCELLED: 'TEAM_EVENT_CANCELLED',
  INVALID_TIME_ZONE: 'TEAM_EVENT_INVALID_TIME_ZONE',
  INVALID_TIMES: 'TEAM_EVENT_INVALID_TIMES',
  INVALID_RULE: 'TEAM_EVENT_INVALID_RULE',
  OVERRIDE_TOO_FAR: 'TEAM_EVENT_OVERRIDE_TOO_FAR',
  TOO_MANY_OVERRIDES: 'TEAM_EVENT_TOO_MANY_OVERRIDES',
  WINDOW_TOO_LARGE: 'TEAM_EVENT_WINDOW_TOO_LARGE',
  RSVP_CLOSED: 'TEAM_EVENT_RSVP_CLOSED',
  ATTENDANCE_TOO_EARLY: 'TEAM_EVENT_ATTENDANCE_TOO_EARLY',
  ATTENDANCE_NOT_MEMBER: 'TEAM_EVENT_ATTENDANCE_NOT_MEMBER',
  FEED_NOT_FOUND: 'TEAM_EVENT_FEED_NOT_FOUND',
} as const;

export const ScheduleErrors = {
  membersOnly: () => new DomainError(ScheduleErrorCode.MEMBERS_ONLY, 403, "Only the team's members see its events"),
  notFound: () => new DomainError(ScheduleErrorCode.NOT_FOUND, 404, 'Team event not found'),
  occurrenceNotFound: () =>
    new DomainError(ScheduleErrorCode.OCCURRENCE_NOT_FOUND, 404, 'The event has no occurrence starting then'),
  cancelled: () => new DomainError(ScheduleErrorCode.CANCELLED, 409, 'The event (or this occurrence) is cancelled'),
  invalidTimeZone: () =>
    new DomainError(ScheduleErrorCode.INVALID_TIME_ZONE, 400, 'timeZone is not an IANA time zone', [
      { field: 'timeZone', message: 'must be an IANA time zone such as Europe/Moscow' },
    ]),
  invalidTimes: (detail: string) => new DomainError(ScheduleErrorCode.INVALID_TIMES, 422, detail),
  invalidRule: (detail: string) => new DomainError(ScheduleErrorCode.INVALID_RULE, 422, detail),
  overrideTooFar: () =>
    new DomainError(
      ScheduleErrorCode.OVERRIDE_TOO_FAR,
      422,
      'An occurrence moves at most 7 days from its original start',
    ),
  tooManyOverrides: (max: number) =>
    new DomainError(
      ScheduleErrorCode.TOO_MANY_OVERRIDES,
      422,
      `At most ${max} occurrences of one event are moved or cancelled one by one`,
    ),
  windowTooLarge: (days: number) =>
    new DomainError(ScheduleErrorCode.WINDOW_TOO_LARGE, 422, `The window is from < to and at most ${days} days`),
  rsvpClosed: () => new DomainError(ScheduleErrorCode.RSVP_CLOSED, 422, 'Answers to this occurrence are closed'),
  attendanceTooEarly: () =>
    new DomainError(ScheduleErrorCode.ATTENDANCE_TOO_EARLY, 422, 'Attendance is recorded once the occurrence started'),
  attendanceNotMember: () =>
    new DomainError(ScheduleErrorCode.ATTENDANCE_NOT_MEMBER, 422, 'Attendance is recorded for members of the team'),
  feedNotFound: () => new DomainError(ScheduleErrorCode.FEED_NOT_FOUND, 404, 'Calendar feed not found'),
};
