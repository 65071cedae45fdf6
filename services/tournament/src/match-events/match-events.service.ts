import { Injectable } from '@nestjs/common';
import type { MatchEvent as MatchEventContract } from '@prodvor/contracts';
import { type Actor, Clock, EventPublisher, IdGenerator, isUniqueViolation } from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { TournamentNotificationsPublisher } from '../events/tournament-notifications.publisher';
import type { Match, MatchEvent } from '../matches/match.model';
import { type DecidedResult, decideResult, type KnockoutDecider } from '../matches/knockout-result';
import { MatchContext, type MatchInContext } from '../matches/match-context';
import { MatchErrors } from '../matches/match.errors';
import { MatchesRepository } from '../matches/matches.repository';
import { voidedSequences } from '../standings/standings-tables';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentCache } from '../tournaments/tournament-cache';
import { rulesOf } from '../tournaments/tournament-settings';
import type {
  MatchEventDto,
  MatchEventsQueryDto,
  MatchEventsViewDto,
  RecordMatchEventDto,
  SetLineupDto,
} from './dto/match-event.dto';
import { checkLiveEvent, scoreOf } from './live-match';
import { MatchEventErrors } from './match-event.errors';
import { MatchLineupsRepository } from './match-lineups.repository';

function toDto(e: MatchEvent, voided: Set<string>): MatchEventDto {
  const opt = <T>(value: T | null, key: string) => (value === null ? {} : { [key]: value });
  return {
    id: e.eventId,
    matchId: e.matchId,
    sequence: e.sequence,
    kind: e.kind,
    minute: e.minute,
    period: e.period,
    ...opt(e.teamId, 'teamId'),
    ...opt(e.playerId, 'playerId'),
    ...opt(e.assistId, 'assistId'),
    ...opt(e.playerInId, 'playerInId'),
    ...(e.kind === 'goal' ? { ownGoal: e.ownGoal, penalty: e.penalty } : {}),
    ...opt(e.correctsSequence, 'correctsSequence'),
    ...opt(e.reason, 'reason'),
    voided: voided.has(`${e.matchId}#${e.sequence}`),
    recordedAt: e.recordedAt.toISOString(),
  };
}

/** The payload on `match.events.v1`, in the contract's shape. */
function contractOf(e: MatchEvent, tournamentId: string, match: Match): MatchEventContract {
  const base = {
    matchId: e.matchId,
    tournamentId,
    sequence: e.sequence,
    minute: e.minute,
    period: e.period,
    recordedBy: e.recordedBy,
    recordedAt: e.recordedAt.toISOString(),
  };
  switch (e.kind) {
    case 'goal':
      return {
        ...base,
        kind: 'goal',
        teamId: e.teamId!,
        scorerId: e.playerId!,
        ...(e.assistId ? { assistId: e.assistId } : {}),
        ownGoal: e.ownGoal,
        penalty: e.penalty,
      };
    case 'yellow_card':
    case 'second_yellow':
    case 'red_card':
      return { ...base, kind: e.kind, teamId: e.teamId!, playerId: e.playerId! };
    case 'substitution':
      return { ...base, kind: 'substitution', teamId: e.teamId!, playerOutId: e.playerId!, playerInId: e.playerInId! };
    case 'correction':
      return { ...base, kind: 'correction', correctsSequence: e.correctsSequence!, reason: e.reason! };
    case 'final_whistle':
      return {
        ...base,
        kind: 'final_whistle',
        ...(match.homePenalties !== null && match.awayPenalties !== null
          ? { homePenalties: match.homePenalties, awayPenalties: match.awayPenalties }
          : {}),
      };
    default:
      return { ...base, kind: e.kind as 'kick_off' | 'period_start' | 'period_end' };
  }
}

/** What a stored shoot-out says, for re-deciding a result that a correction after the final whistle changed. */
function storedDecider(match: Match): KnockoutDecider {
  return match.homePenalties !== null && match.awayPenalties !== null
    ? { homePenalties: match.homePenalties, awayPenalties: match.awayPenalties }
    : match.winnerTeamId
      ? { winnerTeamId: match.winnerTeamId }
      : {};
}

function penaltiesOf(dto: RecordMatchEventDto): KnockoutDecider {
  return {
    ...(dto.homePenalties === undefined ? {} : { homePenalties: dto.homePenalties }),
    ...(dto.awayPenalties === undefined ? {} : { awayPenalties: dto.awayPenalties }),
  };
}

/**
 * The result fields after a scoring event: a knockout match level at the final whistle needs its
 * shoot-out; after a correction a stored shoot-out stands while the score stays level.
 */
function resultAfter(
  match: Match,
  score: { home: number; away: number },
  whistle: KnockoutDecider | null,
): DecidedResult {
  if (whistle) return decideResult(match, score.home, score.away, whistle);
  if (score.home !== score.away) return { winnerTeamId: null, homePenalties: null, awayPenalties: null };
  return decideResult(match, score.home, score.away, storedDecider(match));
}

/**
 * Live match events, recorded by the organizer or the assigned referee: validated against the match
 * state and the rosters, numbered per match without gaps, stored append-only and produced to
 * `match.events.v1` through the outbox in the same transaction.
 */
@Injectable()
export class MatchEventsService {
  constructor(
    private readonly context: MatchContext,
    private readonly matches: MatchesRepository,
    private readonly lineups: MatchLineupsRepository,
    private readonly teams: TeamViewsRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly notifications: TournamentNotificationsPublisher,
    private readonly cache: TournamentCache,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async record(
    actor: Actor,
    matchId: string,
    dto: RecordMatchEventDto,
    idempotencyKey?: string,
  ): Promise<{ event: MatchEventDto; created: boolean }> {
    try {
      const { event, match, replay } = await this.transactions.run(async (tx) => {
        const c = await this.context.lockForActor(tx, matchId, actor);
        if (idempotencyKey) {
          const earlier = (await this.matches.events(matchId, tx)).find((e) => e.idempotencyKey === idempotencyKey);
          if (earlier) return { event: earlier, match: c.match, replay: true };
        }
        if (!c.organizer && c.match.refereeId !== actor.userId) throw MatchEventErrors.notRecorder();
        return { ...(await this.append(tx, c, actor, dto, idempotencyKey)), replay: false };
      });
      // Every new event can change a public read: the status after kick-off, scores and cards in the
      // match list, standings and leaderboards. A replay changed nothing.
      if (!replay) await this.cache.invalidate(match.tournamentId);
      const all = await this.matches.events(matchId);
      return { event: toDto(event, voidedSequences(all)), created: !replay };
    } catch (error) {
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      const earlier = (await this.matches.events(matchId)).find((e) => e.idempotencyKey === idempotencyKey);
      if (!earlier) throw error;
      return { event: toDto(earlier, voidedSequences([])), created: false };
    }
  }

  async list(matchId: string, query: MatchEventsQueryDto, actor: Actor | undefined): Promise<MatchEventsViewDto> {
    const { match } = await this.context.viewable(matchId, actor);
    const all = await this.matches.events(matchId);
    const voided = voidedSequences(all);
    const score =
      match.homeTeamId && match.awayTeamId
        ? scoreOf({ homeTeamId: match.homeTeamId, awayTeamId: match.awayTeamId, events: all })
        : { home: 0, away: 0 };
    return {
      matchId,
      status: match.status,
      homeScore: match.homeScore ?? score.home,
      awayScore: match.awayScore ?? score.away,
      lastSequence: match.lastSequence,
      items: all
        .filter((e) => e.sequence > (query.after ?? 0))
        .slice(0, query.limit)
        .map((e) => toDto(e, voided)),
    };
  }

  /** Who plays for a team in the match (appearances and clean sheets for the leaderboards). */
  async setLineup(
    actor: Actor,
    matchId: string,
    teamId: string,
    dto: SetLineupDto,
  ): Promise<{ players: SetLineupDto['players'] }> {
    const tournamentId = await this.transactions.run(async (tx) => {
      const c = await this.context.lockForActor(tx, matchId, actor);
      if (teamId !== c.match.homeTeamId && teamId !== c.match.awayTeamId) throw MatchErrors.notFound();
      const captainOfTeam =
        (c.side === 'home' ? c.match.homeTeamId : c.side === 'away' ? c.match.awayTeamId : null) === teamId;
      if (!c.organizer && !captainOfTeam && c.match.refereeId !== actor.userId)
        throw MatchEventErrors.notLineupEditor();
      if (!['scheduled', 'live', 'finished', 'disputed'].includes(c.match.status))
        throw MatchErrors.invalidState(c.match.status, 'given a lineup');
      const roster = new Set((await this.teams.memberIds([teamId], tx)).get(teamId) ?? []);
      const stranger = dto.players.find((p) => !roster.has(p.playerId));
      if (stranger) throw MatchEventErrors.notOnRoster(stranger.playerId);
      await this.lineups.replace(tx, matchId, teamId, dto.players);
      return c.match.tournamentId;
    });
    // Appearances and clean sheets on the leaderboards come from lineups.
    await this.cache.invalidate(tournamentId);
    return { players: dto.players };
  }

  private async append(
    tx: Tx,
    c: MatchInContext,
    actor: Actor,
    dto: RecordMatchEventDto,
    idempotencyKey: string | undefined,
  ): Promise<{ event: MatchEvent; match: Match }> {
    const { match, tournament } = c;
    if (!match.homeTeamId || !match.awayTeamId) throw MatchEventErrors.invalidState('Both teams must be known first');
    const existing = await this.matches.events(match.id, tx);
    const rosters = await this.teams.memberIds([match.homeTeamId, match.awayTeamId], tx);
    const refusal = checkLiveEvent(
      {
        status: match.status,
        homeTeamId: match.homeTeamId,
        awayTeamId: match.awayTeamId,
        periods: rulesOf(tournament).periods,
        lastSequence: match.lastSequence,
        events: existing,
        rosters: new Map([...rosters].map(([team, users]) => [team, new Set(users)])),
      },
      dto,
    );
    if (refusal)
      throw refusal.code === 'STATE'
        ? MatchEventErrors.invalidState(refusal.detail)
        : MatchEventErrors.rejected(refusal.detail);

    const now = this.clock.now();
    const event = await this.matches.addEvent(tx, {
      matchId: match.id,
      sequence: match.lastSequence + 1,
      eventId: this.ids.id(),
      kind: dto.kind,
      minute: dto.minute,
      period: dto.period,
      teamId: dto.teamId ?? null,
      playerId: dto.playerId ?? null,
      assistId: dto.assistId ?? null,
      playerInId: dto.playerInId ?? null,
      ownGoal: dto.ownGoal ?? false,
      penalty: dto.penalty ?? false,
      correctsSequence: dto.kind === 'correction' ? (dto.correctsSequence ?? null) : null,
      reason: dto.reason ?? null,
      recordedBy: actor.userId,
      recordedAt: now,
      idempotencyKey: idempotencyKey ?? null,
    });
    const score = scoreOf({ homeTeamId: match.homeTeamId, awayTeamId: match.awayTeamId, events: [...existing, event] });
    const finished = dto.kind === 'final_whistle';
    if (!finished && (dto.homePenalties !== undefined || dto.awayPenalties !== undefined))
      throw MatchEventErrors.rejected('a penalty shoot-out is recorded with the final whistle');
    const updated = await this.matches.update(tx, match.id, {
      lastSequence: event.sequence,
      ...(dto.kind === 'kick_off' ? { status: 'live' } : {}),
      ...(finished || match.status === 'finished'
        ? {
            homeScore: score.home,
            awayScore: score.away,
            ...resultAfter(match, score, finished ? penaltiesOf(dto) : null),
          }
        : {}),
      ...(finished
        ? {
            status: 'finished',
            reportedAt: now,
            confirmBy: new Date(now.getTime() + rulesOf(tournament).confirmWindowHours * 3_600_000),
          }
        : {}),
    });
    const recorded = contractOf(event, tournament.id, updated);
    // The stored event's id is the envelope id (consumers deduplicate by it); `sequence` orders a match's events.
    await this.events.publish(tx, 'match.event.recorded', recorded, actor.correlationId, {
      id: event.eventId,
      headers: { sequence: String(recorded.sequence) },
    });
    if (finished) {
      // Recorded live, the result names no reporting team: either captain confirms or disputes it.
      await this.events.publish(
        tx,
        'tournament.match.result_reported',
        {
          tournamentId: tournament.id,
          matchId: updated.id,
          homeTeamId: updated.homeTeamId!,
          awayTeamId: updated.awayTeamId!,
          homeScore: updated.homeScore!,
          awayScore: updated.awayScore!,
          reportedByTeamId: null,
          confirmBy: updated.confirmBy!.toISOString(),
        },
        actor.correlationId,
      );
      await this.requestConfirmation(tx, updated, tournament.name);
    }
    return { event, match: updated };
  }

  private async requestConfirmation(tx: Tx, match: Match, tournamentName: string): Promise<void> {
    const captains = await this.teams.captainIds([match.homeTeamId!, match.awayTeamId!], tx);
    await this.notifications.queue(
      tx,
      [...captains.values()].flat().map((userId) => ({
        userId,
        kind: 'result_request' as const,
        title: `Final whistle: ${match.homeScore}–${match.awayScore} (${tournamentName})`,
        body: 'Confirm or dispute the result.',
        data: { tournamentId: match.tournamentId, matchId: match.id },
      })),
    );
  }
}
