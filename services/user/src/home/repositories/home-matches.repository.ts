import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner';
import { Prisma, PrismaClient } from '../../generated/prisma/client';

/** What the open-match reads select: a match with its tournament's name. */
const OPEN_MATCH_COLUMNS = Prisma.sql`
  SELECT m.match_id AS "matchId", m.tournament_id AS "tournamentId", t.name AS "tournamentName",
    m.home_team_id AS "homeTeamId", m.away_team_id AS "awayTeamId", m.starts_at AS "startsAt",
    m.venue_id AS "venueId", m.pitch, m.status, m.reported_by_team_id AS "reportedByTeamId",
    m.confirm_by AS "confirmBy", m.home_score AS "homeScore", m.away_score AS "awayScore"
  FROM home_matches m LEFT JOIN home_tournaments t ON t.tournament_id = m.tournament_id`;

export type MatchStatus = 'scheduled' | 'awaiting_confirmation' | 'disputed' | 'final';

export interface MatchSchedule {
  matchId: string;
  tournamentId: string;
  homeTeamId?: string;
  awayTeamId?: string;
  startsAt?: Date;
  venueId?: string;
  pitch?: string;
}

export interface ReportedResult {
  matchId: string;
  tournamentId: string;
  homeTeamId: string;
  awayTeamId: string;
  homeScore: number;
  awayScore: number;
  reportedByTeamId: string | null;
  confirmBy: Date;
}

/** A match that is not final, in a tournament that is not cancelled, with its tournament's name. */
export interface OpenMatch {
  matchId: string;
  tournamentId: string;
  tournamentName: string | null;
  homeTeamId: string | null;
  awayTeamId: string | null;
  startsAt: Date | null;
  venueId: string | null;
  pitch: string | null;
  status: Exclude<MatchStatus, 'final'>;
  reportedByTeamId: string | null;
  confirmBy: Date | null;
  homeScore: number | null;
  awayScore: number | null;
}

export type TimedMatch = OpenMatch & { startsAt: Date };

/**
 * Tournaments and their matches (the only code that touches those two tables). Each change carries the
 * time of its event: an older event than the one a row holds changes nothing.
 */
@Injectable()
export class HomeMatchesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async tournament(tx: Tx, tournamentId: string, name: string, at: Date): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO home_tournaments (tournament_id, name, cancelled, event_at)
      VALUES (${tournamentId}::uuid, ${name}, false, ${at})
      ON CONFLICT (tournament_id) DO UPDATE SET name = EXCLUDED.name, event_at = EXCLUDED.event_at
      WHERE home_tournaments.event_at <= EXCLUDED.event_at`;
  }

  async cancelTournament(tx: Tx, tournamentId: string, at: Date): Promise<void> {
    await tx.homeTournament.updateMany({ where: { tournamentId }, data: { cancelled: true, eventAt: at } });
  }

  /** A match got (or changed) its teams, time or pitch; fields the event leaves out stay as they were. */
  async schedule(tx: Tx, m: MatchSchedule, at: Date): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO home_matches (match_id, tournament_id, home_team_id, away_team_id, starts_at, venue_id, pitch,
        status, event_at)
      VALUES (${m.matchId}::uuid, ${m.tournamentId}::uuid, ${m.homeTeamId ?? null}::uuid,
        ${m.awayTeamId ?? null}::uuid, ${m.startsAt ?? null}, ${m.venueId ?? null}::uuid, ${m.pitch ?? null},
        'scheduled', ${at})
      ON CONFLICT (match_id) DO UPDATE SET
        home_team_id = COALESCE(EXCLUDED.home_team_id, home_matches.home_team_id),
        away_team_id = COALESCE(EXCLUDED.away_team_id, home_matches.away_team_id),
        starts_at = COALESCE(EXCLUDED.starts_at, home_matches.starts_at),
        venue_id = COALESCE(EXCLUDED.venue_id, home_matches.venue_id),
        pitch = COALESCE(EXCLUDED.pitch, home_matches.pitch),
        event_at = EXCLUDED.event_at
      WHERE home_matches.event_at <= EXCLUDED.event_at`;
  }

  async reported(tx: Tx, r: ReportedResult, at: Date): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO home_matches (match_id, tournament_id, home_team_id, away_team_id, status, reported_by_team_id,
        confirm_by, home_score, away_score, event_at)
      VALUES (${r.matchId}::uuid, ${r.tournamentId}::uuid, ${r.homeTeamId}::uuid, ${r.awayTeamId}::uuid,
        'awaiting_confirmation', ${r.reportedByTeamId}::uuid, ${r.confirmBy}, ${r.homeScore}, ${r.awayScore}, ${at})
      ON CONFLICT (match_id) DO UPDATE SET
        home_team_id = EXCLUDED.home_team_id, away_team_id = EXCLUDED.away_team_id, status = EXCLUDED.status,
        reported_by_team_id = EXCLUDED.reported_by_team_id, confirm_by = EXCLUDED.confirm_by,
        home_score = EXCLUDED.home_score, away_score = EXCLUDED.away_score, event_at = EXCLUDED.event_at
      WHERE home_matches.event_at <= EXCLUDED.event_at`;
  }

  /** Disputed, final or reopened (back to `scheduled`): the reported result no longer awaits anyone. */
  async setStatus(
    tx: Tx,
    m: { matchId: string; tournamentId: string; homeTeamId: string; awayTeamId: string },
    status: MatchStatus,
    at: Date,
  ): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO home_matches (match_id, tournament_id, home_team_id, away_team_id, status, event_at)
      VALUES (${m.matchId}::uuid, ${m.tournamentId}::uuid, ${m.homeTeamId}::uuid, ${m.awayTeamId}::uuid,
        ${status}, ${at})
      ON CONFLICT (match_id) DO UPDATE SET
        status = EXCLUDED.status, reported_by_team_id = NULL, confirm_by = NULL, event_at = EXCLUDED.event_at
      WHERE home_matches.event_at <= EXCLUDED.event_at`;
  }

  /** A team withdrew: tournament-service forfeits every match of it not final yet (they become final). */
  async withdrawTeam(tx: Tx, tournamentId: string, teamId: string, at: Date): Promise<void> {
    await tx.$executeRaw`
      UPDATE home_matches
      SET status = 'final', reported_by_team_id = NULL, confirm_by = NULL, event_at = ${at}
      WHERE tournament_id = ${tournamentId}::uuid AND status <> 'final' AND event_at <= ${at}
        AND (home_team_id = ${teamId}::uuid OR away_team_id = ${teamId}::uuid)`;
  }

  /**
   * Open matches (not final, with a time, tournament not cancelled) of these teams, ordered by start and
   * id, at most `take` after the position `after`.
   */
  openMatchesOf(
    teamIds: readonly string[],
    take: number,
    after?: { startsAt: Date; matchId: string },
  ): Promise<TimedMatch[]> {
    if (teamIds.length === 0) return Promise.resolve([]);
    const ids = [...teamIds];
    return this.prisma.$queryRaw<TimedMatch[]>`
      ${OPEN_MATCH_COLUMNS}
      WHERE (m.home_team_id = ANY(${ids}::uuid[]) OR m.away_team_id = ANY(${ids}::uuid[]))
        AND m.status <> 'final' AND m.starts_at IS NOT NULL AND NOT COALESCE(t.cancelled, false)
        AND (${after?.startsAt ?? null}::timestamptz IS NULL
             OR (m.starts_at, m.match_id) > (${after?.startsAt ?? null}::timestamptz, ${after?.matchId ?? null}::uuid))
      ORDER BY m.starts_at, m.match_id
      LIMIT ${take}`;
  }

  /**
   * Results awaiting confirmation whose deadline is after `now`: reported by another team, or recorded
   * live (no reporting team).
   */
  awaitingConfirmation(teamIds: readonly string[], now: Date, take: number): Promise<OpenMatch[]> {
    if (teamIds.length === 0) return Promise.resolve([]);
    const ids = [...teamIds];
    return this.prisma.$queryRaw<OpenMatch[]>`
      ${OPEN_MATCH_COLUMNS}
      WHERE (m.home_team_id = ANY(${ids}::uuid[]) OR m.away_team_id = ANY(${ids}::uuid[]))
        AND m.status = 'awaiting_confirmation' AND m.confirm_by > ${now}
        AND (m.reported_by_team_id IS NULL OR m.reported_by_team_id <> ALL(${ids}::uuid[]))
        AND NOT COALESCE(t.cancelled, false)
      ORDER BY m.confirm_by, m.match_id
      LIMIT ${take}`;
  }
}
