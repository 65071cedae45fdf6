import { Injectable } from '@nestjs/common';
import { type Actor, Clock, EventPublisher } from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { TournamentNotificationsPublisher } from '../events/tournament-notifications.publisher';
import { isBracketMatch, TournamentProgress, walkoverOf, winnerOf } from './tournament-progress';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { rulesOf } from '../tournaments/tournament-settings';
import { TournamentCache } from '../tournaments/tournament-cache';
import type { Tournament } from '../tournaments/tournament.model';
import type { ReportResultDto } from './dto/match.dto';
import { MatchErrors } from './match.errors';
import type { Match, MatchChanges } from './match.model';
import { decideResult } from './knockout-result';
import { MatchContext, type MatchInContext } from './match-context';

/** Statuses a team may still forfeit from. */
const OPEN_STATUSES = new Set(['pending', 'scheduled', 'postponed', 'live', 'finished', 'disputed']);

/**
 * The result lifecycle: a captain reports (the opposing captain confirms or disputes within the
 * window, silence confirms), the organizer reports, resolves, awards forfeits and reopens. Every
 * change that makes a result count or stop counting goes through {@link TournamentProgress}.
 */
@Injectable()
export class MatchResultsService {
  constructor(
    private readonly context: MatchContext,
    private readonly teams: TeamViewsRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly notifications: TournamentNotificationsPublisher,
    private readonly progress: TournamentProgress,
    private readonly cache: TournamentCache,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, matchId: string, dto: ReportResultDto): Promise<Match> {
    return this.change(actor, matchId, async (tx, c) => {
      const { match, tournament } = c;
      const result = this.checkScore(match, dto);
      if (c.organizer) {
        if (!['scheduled', 'live', 'finished', 'disputed'].includes(match.status))
          throw MatchErrors.invalidState(match.status, 'reported');
        return this.makeFinal(tx, c, { ...result, status: 'confirmed', reportedBy: actor.userId }, actor);
      }
      if (!c.side) throw MatchErrors.notAllowed('Only the organizer or a captain of a playing team reports results');
      if (match.status === 'finished' && match.reportedBy === actor.userId && sameScore(match, dto)) return match;
      if (match.status !== 'scheduled') throw MatchErrors.invalidState(match.status, 'reported by a captain');
      const now = this.clock.now();
      const reported = await this.context.matches.update(tx, match.id, {
        ...result,
        status: 'finished',
        reportedBy: actor.userId,
        reportedAt: now,
        confirmBy: new Date(now.getTime() + rulesOf(tournament).confirmWindowHours * 3_600_000),
      });
      const opponent = c.side === 'home' ? match.awayTeamId! : match.homeTeamId!;
      await this.events.publish(
        tx,
        'tournament.match.result_reported',
        {
          ...teamsOf(reported),
          homeScore: reported.homeScore!,
          awayScore: reported.awayScore!,
          reportedByTeamId: c.side === 'home' ? match.homeTeamId! : match.awayTeamId!,
          confirmBy: reported.confirmBy!.toISOString(),
        },
        actor.correlationId,
      );
      await this.notifyCaptains(
        tx,
        tournament,
        reported,
        opponent,
        'result_request',
        'Confirm or dispute the reported result',
      );
      return reported;
    });
  }

  async confirm(actor: Actor, matchId: string): Promise<Match> {
    return this.change(actor, matchId, async (tx, c) => {
      if (c.match.status !== 'finished') throw MatchErrors.invalidState(c.match.status, 'confirmed');
      if (!c.organizer) await this.requireOpposingCaptain(c);
      return this.makeFinal(tx, c, { status: 'confirmed' }, actor);
    });
  }

  async dispute(actor: Actor, matchId: string, reason: string): Promise<Match> {
    return this.change(actor, matchId, async (tx, c) => {
      if (c.match.status !== 'finished') throw MatchErrors.invalidState(c.match.status, 'disputed');
      await this.requireOpposingCaptain(c);
      const disputed = await this.context.matches.update(tx, c.match.id, {
        status: 'disputed',
        disputedBy: actor.userId,
        disputeReason: reason,
        confirmBy: null,
      });
      await this.events.publish(
        tx,
        'tournament.match.result_disputed',
        { ...teamsOf(disputed), disputedByTeamId: c.side === 'home' ? disputed.homeTeamId! : disputed.awayTeamId! },
        actor.correlationId,
      );
      await this.notifications.queue(tx, [
        {
          userId: c.tournament.organizerId,
          kind: 'result_disputed',
          title: `Result disputed in ${c.tournament.name}`,
          body: reason,
          data: { tournamentId: c.tournament.id, matchId: c.match.id },
        },
      ]);
      return disputed;
    });
  }

  async resolve(actor: Actor, matchId: string, dto: ReportResultDto): Promise<Match> {
    return this.change(actor, matchId, async (tx, c) => {
      this.requireOrganizer(c);
      if (c.match.status !== 'disputed' && c.match.status !== 'finished')
        throw MatchErrors.invalidState(c.match.status, 'resolved');
      return this.makeFinal(tx, c, { ...this.checkScore(c.match, dto), status: 'confirmed' }, actor);
    });
  }

  async forfeit(actor: Actor, matchId: string, forfeitedBy: string): Promise<Match> {
    return this.change(actor, matchId, async (tx, c) => {
      this.requireOrganizer(c);
      return this.applyForfeit(tx, c, forfeitedBy, actor);
    });
  }

  /** Takes a counted result back (to `disputed`): standings and brackets drop it until the organizer resolves it. */
  async reopen(actor: Actor, matchId: string): Promise<Match> {
    return this.change(actor, matchId, async (tx, c) => {
      this.requireOrganizer(c);
      const { match, tournament } = c;
      if (match.status !== 'confirmed' && match.status !== 'forfeited')
        throw MatchErrors.invalidState(match.status, 'reopened');
      const bracket = tournament.bracket as { entrants?: (string | null)[] } | null;
      if (match.stage === 'group' && bracket?.entrants?.some((e) => e !== null))
        throw MatchErrors.invalidState('group match whose playoff is seeded', 'reopened');
      if (isBracketMatch(match) && walkoverOf(tournament, match))
        throw MatchErrors.invalidState('walkover of a withdrawn team', 'reopened');
      const played = await this.progress.playedDependents(tx, tournament, match);
      if (played.length > 0) throw MatchErrors.dependentsPlayed(played);
      const reopened = await this.context.matches.update(tx, match.id, {
        status: 'disputed',
        forfeitedBy: null,
        confirmedAt: null,
        disputedBy: actor.userId,
        disputeReason: 'Reopened by the organizer',
      });
      await this.events.publish(tx, 'tournament.match.result_reopened', teamsOf(reopened), actor.correlationId);
      await this.progress.afterResultChange(tx, tournament, reopened, 'reopened', actor.correlationId);
      return reopened;
    });
  }

  /**
   * A team withdrawing after the start forfeits every match it has not finished (caller holds the
   * tournament lock). Knockout matches go through the bracket, which also gives away the matches whose
   * other side is not known yet, as soon as it is, and keeps the team out of a losers bracket.
   */
  async forfeitRemaining(tx: Tx, tournament: Tournament, teamId: string, actor: Actor): Promise<void> {
    await this.progress.withdraw(tx, tournament, teamId, actor.correlationId);
    const matches = await this.context.matches.ofTournament(tournament.id, tx);
    for (const match of matches) {
      if (!OPEN_STATUSES.has(match.status) || (match.homeTeamId !== teamId && match.awayTeamId !== teamId)) continue;
      if (isBracketMatch(match)) continue;
      if (!match.homeTeamId || !match.awayTeamId) continue;
      const current = (await this.context.matches.lock(tx, match.id))!;
      const fresh = (await this.context.tournaments.findById(tournament.id, tx))!;
      await this.applyForfeit(tx, { tournament: fresh, match: current, organizer: true, side: null }, teamId, actor);
    }
  }

  /** Confirms reported results nobody answered within the window (run by the sweeper). */
  async confirmOverdue(matchId: string, correlationId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const c = await this.context.lockForSystem(tx, matchId);
      if (!c || c.match.status !== 'finished' || !c.match.confirmBy || c.match.confirmBy > this.clock.now()) return;
      if (isBracketMatch(c.match) && !winnerOf(c.match)) {
        // Reported level before a winner was required: silence cannot decide it, the organizer resolves it.
        await this.context.matches.update(tx, c.match.id, { confirmBy: null });
        await this.notifications.queue(tx, [
          {
            userId: c.tournament.organizerId,
            kind: 'result_disputed',
            title: `Knockout match level without a winner in ${c.tournament.name}`,
            body: 'Resolve it with the penalty shoot-out or the team that went through.',
            data: { tournamentId: c.tournament.id, matchId: c.match.id },
          },
        ]);
        return;
      }
      await this.makeFinal(
        tx,
        c,
        { status: 'confirmed' },
        { userId: c.tournament.organizerId, roles: [], correlationId },
      );
    });
    const match = await this.context.matches.findById(matchId);
    if (match) await this.cache.invalidate(match.tournamentId);
  }

  private async change(
    actor: Actor,
    matchId: string,
    work: (tx: Tx, c: MatchInContext) => Promise<Match>,
  ): Promise<Match> {
    const match = await this.transactions.run(async (tx) =>
      work(tx, await this.context.lockForActor(tx, matchId, actor)),
    );
    await this.cache.invalidate(match.tournamentId);
    return match;
  }

  private async applyForfeit(tx: Tx, c: MatchInContext, forfeitedBy: string, actor: Actor): Promise<Match> {
    const { match, tournament } = c;
    if (!OPEN_STATUSES.has(match.status) || match.status === 'pending')
      throw MatchErrors.invalidState(match.status, 'forfeited');
    if (forfeitedBy !== match.homeTeamId && forfeitedBy !== match.awayTeamId)
      throw MatchErrors.invalidResult('forfeitedBy must be one of the two teams');
    const goals = rulesOf(tournament).forfeitGoals;
    const homeForfeits = forfeitedBy === match.homeTeamId;
    return this.makeFinal(
      tx,
      c,
      {
        status: 'forfeited',
        forfeitedBy,
        homeScore: homeForfeits ? 0 : goals,
        awayScore: homeForfeits ? goals : 0,
        winnerTeamId: null,
        homePenalties: null,
        awayPenalties: null,
      },
      actor,
    );
  }

  private async makeFinal(
    tx: Tx,
    c: MatchInContext,
    data: MatchChanges & { status: 'confirmed' | 'forfeited' },
    actor: Actor,
  ): Promise<Match> {
    const final = await this.context.matches.update(tx, c.match.id, {
      ...data,
      confirmedAt: this.clock.now(),
      confirmBy: null,
    });
    const winner = winnerOf(final);
    // A bracket cannot advance a draw (the transaction rolls the update back).
    if (isBracketMatch(final) && !winner) throw MatchErrors.winnerRequired();
    await this.events.publish(
      tx,
      'tournament.match.result_confirmed',
      {
        tournamentId: final.tournamentId,
        matchId: final.id,
        homeTeamId: final.homeTeamId!,
        awayTeamId: final.awayTeamId!,
        homeScore: final.homeScore ?? 0,
        awayScore: final.awayScore ?? 0,
        outcome: final.forfeitedBy
          ? final.forfeitedBy === final.homeTeamId
            ? 'home_forfeit'
            : 'away_forfeit'
          : final.homeScore === final.awayScore && !isBracketMatch(final)
            ? 'draw'
            : winner === final.homeTeamId
              ? 'home_win'
              : 'away_win',
        ...(final.homePenalties !== null && final.awayPenalties !== null
          ? { homePenalties: final.homePenalties, awayPenalties: final.awayPenalties }
          : {}),
      },
      actor.correlationId,
    );
    await this.progress.afterResultChange(tx, c.tournament, final, 'final', actor.correlationId);
    return final;
  }

  /** The stored result: the score and, for a knockout match level after play, who went through. */
  private checkScore(match: Match, dto: ReportResultDto) {
    if (!match.homeTeamId || !match.awayTeamId)
      throw MatchErrors.invalidState('pending', 'reported before both teams are known');
    return {
      homeScore: dto.homeScore,
      awayScore: dto.awayScore,
      ...decideResult(match, dto.homeScore, dto.awayScore, dto),
    };
  }

  private requireOrganizer(c: MatchInContext): void {
    if (!c.organizer) throw MatchErrors.notAllowed('Only the organizer may do this');
  }

  /** A captain of a playing team other than the one whose captain reported. */
  private async requireOpposingCaptain(c: MatchInContext): Promise<void> {
    if (!c.side) throw MatchErrors.notAllowed('Only a captain of a playing team may do this');
    const reporter = c.match.reportedBy;
    if (!reporter) return;
    const ownTeam = c.side === 'home' ? c.match.homeTeamId! : c.match.awayTeamId!;
    if ((await this.teams.roleOf(ownTeam, reporter)) === 'captain') throw MatchErrors.ownReport();
  }

  private async notifyCaptains(
    tx: Tx,
    tournament: Tournament,
    match: Match,
    teamId: string,
    kind: 'result_request',
    body: string,
  ): Promise<void> {
    const captains = (await this.teams.captainIds([teamId], tx)).get(teamId) ?? [];
    await this.notifications.queue(
      tx,
      captains.map((userId) => ({
        userId,
        kind,
        title: `Result reported: ${match.homeScore}–${match.awayScore} (${tournament.name})`,
        body,
        data: { tournamentId: tournament.id, matchId: match.id },
      })),
    );
  }
}

/** The match and its two teams, as every `tournament.match.result_*` event names them. */
function teamsOf(match: Match) {
  return {
    tournamentId: match.tournamentId,
    matchId: match.id,
    homeTeamId: match.homeTeamId!,
    awayTeamId: match.awayTeamId!,
  };
}

function sameScore(match: Match, dto: ReportResultDto): boolean {
  return match.homeScore === dto.homeScore && match.awayScore === dto.awayScore;
}
