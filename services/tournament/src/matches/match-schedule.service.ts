import { Injectable } from '@nestjs/common';
import { type Actor, EventPublisher } from '@prodvor/platform';
import { checkReschedule, MINUTE } from '../domain';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { bookingsOf, schedulablesOf } from '../fixtures/schedulables';
import { isBracketMatch } from './tournament-progress';
import { TournamentCache } from '../tournaments/tournament-cache';
import { pitchWindowsOf, rulesOf, scheduleOptionsOf } from '../tournaments/tournament-settings';
import type { RescheduleMatchDto } from './dto/match.dto';
import { MatchErrors } from './match.errors';
import type { Match } from './match.model';
import { MatchTeamsNotifier } from './match-teams-notifier';
import { MatchContext, type MatchInContext } from './match-context';

const MOVABLE = new Set(['pending', 'scheduled', 'postponed']);

/** Organizer changes to when and where a match is played, and who referees it. */
@Injectable()
export class MatchScheduleService {
  constructor(
    private readonly context: MatchContext,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly teamsOfMatch: MatchTeamsNotifier,
    private readonly cache: TournamentCache,
  ) {}

  /** Moves a match; a move that would double-book a team or a pitch, cut rest or leave the pitch's hours is refused with the reason. */
  async reschedule(actor: Actor, matchId: string, dto: RescheduleMatchDto): Promise<Match> {
    return this.organizerChange(actor, matchId, async (tx, { tournament, match }) => {
      if (!MOVABLE.has(match.status)) throw MatchErrors.invalidState(match.status, 'rescheduled');
      const all = await this.context.matches.ofTournament(tournament.id, tx);
      const start = new Date(dto.startsAt).toISOString();
      const check = checkReschedule(
        schedulablesOf(tournament, all),
        bookingsOf(all),
        pitchWindowsOf(tournament),
        scheduleOptionsOf(tournament),
        { fixtureId: match.id, pitchId: dto.pitchId, start },
      );
      if (!check.ok) throw MatchErrors.scheduleConflict(check.reason, check.detail, check.conflictingFixtureId);
      const venueId = pitchWindowsOf(tournament).find((w) => w.pitchId === dto.pitchId)!.venueId;
      const moved = await this.context.matches.update(tx, match.id, {
        startsAt: new Date(start),
        endsAt: new Date(Date.parse(start) + rulesOf(tournament).matchMinutes * MINUTE),
        venueId,
        pitchId: dto.pitchId,
        reminderSentAt: null,
        status: match.homeTeamId && match.awayTeamId ? 'scheduled' : 'pending',
      });
      await this.events.publish(
        tx,
        'tournament.match.rescheduled',
        {
          tournamentId: tournament.id,
          matchId: match.id,
          ...(moved.homeTeamId ? { homeTeamId: moved.homeTeamId } : {}),
          ...(moved.awayTeamId ? { awayTeamId: moved.awayTeamId } : {}),
          startsAt: start,
          venueId,
          pitch: dto.pitchId,
          ...(match.startsAt ? { previousStartsAt: match.startsAt.toISOString() } : {}),
        },
        actor.correlationId,
      );
      await this.notifyTeams(tx, moved, `Match moved to ${start.slice(0, 16).replace('T', ' ')} UTC`);
      return moved;
    });
  }

  async postpone(actor: Actor, matchId: string): Promise<Match> {
    return this.organizerChange(actor, matchId, async (tx, { match }) => {
      if (match.status !== 'scheduled' && match.status !== 'pending')
        throw MatchErrors.invalidState(match.status, 'postponed');
      const postponed = await this.context.matches.update(tx, match.id, {
        status: 'postponed',
        startsAt: null,
        endsAt: null,
        venueId: null,
        pitchId: null,
      });
      await this.notifyTeams(tx, postponed, 'Match postponed; a new time follows');
      return postponed;
    });
  }

  /** Cancels a league match that will not be played; knockout matches are decided (or forfeited) instead. */
  async cancel(actor: Actor, matchId: string): Promise<Match> {
    return this.organizerChange(actor, matchId, async (tx, { match }) => {
      if (isBracketMatch(match)) throw MatchErrors.invalidState('knockout', 'cancelled (award a forfeit instead)');
      if (!MOVABLE.has(match.status)) throw MatchErrors.invalidState(match.status, 'cancelled');
      return this.context.matches.update(tx, match.id, { status: 'cancelled' });
    });
  }

  async assignReferee(actor: Actor, matchId: string, refereeId: string | null): Promise<Match> {
    return this.organizerChange(actor, matchId, (tx, { match }) =>
      this.context.matches.update(tx, match.id, { refereeId }),
    );
  }

  private async organizerChange(
    actor: Actor,
    matchId: string,
    work: (tx: Tx, c: MatchInContext) => Promise<Match>,
  ): Promise<Match> {
    const match = await this.transactions.run(async (tx) => {
      const c = await this.context.lockForActor(tx, matchId, actor);
      if (!c.organizer) throw MatchErrors.notAllowed('Only the organizer may do this');
      return work(tx, c);
    });
    await this.cache.invalidate(match.tournamentId);
    return match;
  }

  private async notifyTeams(tx: Tx, match: Match, title: string): Promise<void> {
    await this.teamsOfMatch.notify(tx, match, {
      kind: 'tournament_update',
      title,
      body: 'Open the match for details.',
    });
  }
}
