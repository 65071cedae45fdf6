import { Injectable } from '@nestjs/common';
import { type Actor, Clock } from '@prodvor/platform';
import ical, { ICalEventStatus } from 'ical-generator';
import { createHash, randomBytes } from 'node:crypto';
import { TransactionRunner } from '../database/transaction-runner';
import { TeamMembersRepository } from '../members/team-members.repository';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { OccurrencesService, type DatedOccurrence } from './occurrences.service';
import { ScheduleAccess } from './schedule-access';
import { ScheduleErrors } from './schedule.errors';

const DAY = 24 * 3600_000;
/** A feed covers the last 30 days and the next 180: calendar apps refresh it. */
const FEED_PAST_MS = 30 * DAY;
const FEED_AHEAD_MS = 180 * DAY;
/** At most this many occurrences in one feed. */
const FEED_LIMIT = 1_000;

export interface FeedToken {
  token: string;
  path: string;
}

/**
 * iCalendar (RFC 5545) feeds of team events: every occurrence in the feed's window is one VEVENT with
 * UTC times and a stable UID (moved occurrences keep theirs, cancelled ones carry STATUS:CANCELLED).
 * The team feed is for members with a bearer token; the personal feed (all my teams) is read by a
 * secret URL token, stored as its SHA-256 only, which its owner rotates or revokes.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly occurrences: OccurrencesService,
    private readonly feeds: CalendarFeedsRepository,
    private readonly members: TeamMembersRepository,
    private readonly access: ScheduleAccess,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async teamFeed(actor: Actor, teamId: string): Promise<string> {
    await this.transactions.run((tx) => this.access.requireMember(tx, teamId, actor.userId));
    return this.render('ProDvor — team events', await this.window([teamId]));
  }

  async personalFeed(token: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw ScheduleErrors.feedNotFound();
    const userId = await this.feeds.ownerOf(hashOf(token));
    if (!userId) throw ScheduleErrors.feedNotFound();
    const teamIds = await this.transactions.run((tx) => this.members.teamIdsOf(tx, userId));
    return this.render('ProDvor — my team events', teamIds.length ? await this.window(teamIds) : []);
  }

  /** A new secret for the caller's personal feed; the previous one stops working. */
  async rotate(actor: Actor): Promise<FeedToken> {
    const token = randomBytes(32).toString('base64url');
    await this.transactions.run((tx) => this.feeds.replace(tx, actor.userId, hashOf(token), this.clock.now()));
    return { token, path: `/api/v1/team-event-feeds/${token}.ics` };
  }

  async revoke(actor: Actor): Promise<void> {
    await this.transactions.run((tx) => this.feeds.revoke(tx, actor.userId));
  }

  private async window(teamIds: string[]): Promise<DatedOccurrence[]> {
    const now = this.clock.now().getTime();
    const found = await this.occurrences.expand(teamIds, new Date(now - FEED_PAST_MS), new Date(now + FEED_AHEAD_MS));
    return found.slice(0, FEED_LIMIT);
  }

  private render(name: string, occurrences: DatedOccurrence[]): string {
    const calendar = ical({ name, prodId: { company: 'ProDvor', product: 'team-service' } });
    for (const { event, occurrence } of occurrences) {
      const location = [event.venueName, event.venueAddress].filter(Boolean).join(', ');
      calendar.createEvent({
        id: `${event.id}-${occurrence.occurrenceStart.getTime()}@team.prodvor`,
        start: occurrence.startsAt,
        end: occurrence.endsAt,
        summary: event.title,
        ...(event.notes ? { description: event.notes } : {}),
        ...(location ? { location } : {}),
        status: occurrence.cancelled || event.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        categories: [{ name: event.kind }],
        stamp: event.updatedAt,
      });
    }
    return calendar.toString();
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
