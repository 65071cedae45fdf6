import {
  MINUTE,
  type PitchWindow,
  type SchedulableFixture,
  type ScheduledMatch,
  type ScheduleOptions,
  type ScheduleResult,
  type SlotCheck,
  type UnscheduledFixture,
} from './schedule-types';
import { checkBooking, parseWindows, teamsOf, toBookings } from './slot-check';

interface Candidate {
  start: number;
  pitchId: string;
  venueId: string;
}

/** "Next untaken slot at or after i" in near-constant time (union–find with path halving). */
class FreeSlots {
  private readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = Int32Array.from({ length: size + 1 }, (_, i) => i);
  }

  next(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  take(i: number): void {
    this.parent[i] = i + 1;
  }
}

function lowerBound(candidates: readonly Candidate[], earliest: number): number {
  let [lo, hi] = [0, candidates.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candidates[mid].start < earliest) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Deterministic greedy: fixtures in (round, input) order each take the earliest kick-off (then the
 * first pitch in window order) that keeps every rule. Kick-offs sit on a grid of at least
 * match + buffer per window, so grid slots never overlap on a pitch. Fixtures that fit nowhere are
 * reported, not dropped silently.
 */
export function scheduleFixtures(
  fixtures: readonly SchedulableFixture[],
  windows: readonly PitchWindow[],
  options: ScheduleOptions,
): ScheduleResult {
  const duration = options.matchMinutes * MINUTE;
  const rest = options.minRestMinutes * MINUTE;
  const step = Math.max(options.slotStepMinutes ?? 0, options.matchMinutes + options.bufferMinutes) * MINUTE;
  const candidates = gridCandidates(windows, duration, step);
  const free = new FreeSlots(candidates.length);

  const order = fixtures.map((f, i) => ({ f, i })).sort((a, b) => a.f.round - b.f.round || a.i - b.i);
  const teamBookings = new Map<string, { start: number; end: number }[]>();
  const endOf = new Map<string, number>();
  const roundEnds = new Map<number, number>();
  const scheduled: ScheduledMatch[] = [];
  const known = new Set(fixtures.map((f) => f.id));
  const unscheduled: UnscheduledFixture[] = [];
  let floorRound = -Infinity;
  let roundFloor = -Infinity;

  for (const { f } of order) {
    if (options.roundOrder === 'strict' && f.round !== floorRound) {
      roundFloor = Math.max(roundFloor, ...[...roundEnds].filter(([r]) => r < f.round).map(([, end]) => end));
      floorRound = f.round;
    }
    const deps = f.dependsOn ?? [];
    if (deps.some((d) => known.has(d) && !endOf.has(d))) {
      unscheduled.push({ fixtureId: f.id, reason: 'DEPENDENCY_UNSCHEDULED' });
      continue;
    }
    const earliest = Math.max(roundFloor, ...deps.map((d) => (endOf.get(d) ?? -Infinity) + rest));
    const teams = teamsOf(f);
    const fits = (c: Candidate) =>
      teams.every((t) =>
        (teamBookings.get(t) ?? []).every((b) => c.start >= b.end + rest || c.start + duration + rest <= b.start),
      );
    let slot: Candidate | undefined;
    for (let i = free.next(lowerBound(candidates, earliest)); i < candidates.length; i = free.next(i + 1)) {
      if (fits(candidates[i])) {
        slot = candidates[i];
        free.take(i);
        break;
      }
    }
    if (!slot) {
      unscheduled.push({ fixtureId: f.id, reason: 'NO_CAPACITY' });
      continue;
    }
    const end = slot.start + duration;
    for (const t of teams) teamBookings.set(t, [...(teamBookings.get(t) ?? []), { start: slot.start, end }]);
    endOf.set(f.id, end);
    roundEnds.set(f.round, Math.max(roundEnds.get(f.round) ?? -Infinity, end));
    scheduled.push({
      fixtureId: f.id,
      venueId: slot.venueId,
      pitchId: slot.pitchId,
      start: iso(slot.start),
      end: iso(end),
    });
  }
  return { scheduled, unscheduled };
}

function gridCandidates(windows: readonly PitchWindow[], duration: number, step: number): Candidate[] {
  const pitchOrder = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const w of parseWindows(windows)) {
    if (!pitchOrder.has(w.pitchId)) pitchOrder.set(w.pitchId, pitchOrder.size);
    for (let start = w.start; start + duration <= w.end; start += step) {
      candidates.push({ start, pitchId: w.pitchId, venueId: w.venueId });
    }
  }
  return candidates.sort((a, b) => a.start - b.start || pitchOrder.get(a.pitchId)! - pitchOrder.get(b.pitchId)!);
}

/** Whether `fixtureId` could move to `pitchId` at `start`, all other scheduled matches staying put. */
export function checkReschedule(
  fixtures: readonly SchedulableFixture[],
  scheduled: readonly ScheduledMatch[],
  windows: readonly PitchWindow[],
  options: ScheduleOptions,
  move: { fixtureId: string; pitchId: string; start: string },
): SlotCheck {
  const byId = new Map(fixtures.map((f) => [f.id, f]));
  const fixture = byId.get(move.fixtureId);
  if (!fixture) return { ok: false, reason: 'UNKNOWN_FIXTURE', detail: `no fixture ${move.fixtureId}` };
  const others = toBookings(
    scheduled.filter((s) => s.fixtureId !== move.fixtureId),
    byId,
  );
  return checkBooking(fixture, move.pitchId, Date.parse(move.start), others, parseWindows(windows), options);
}

/** Moves one match if the rules allow it; otherwise returns the refusal and leaves the schedule as is. */
export function rescheduleMatch(
  fixtures: readonly SchedulableFixture[],
  scheduled: readonly ScheduledMatch[],
  windows: readonly PitchWindow[],
  options: ScheduleOptions,
  move: { fixtureId: string; pitchId: string; start: string },
): { ok: true; scheduled: ScheduledMatch[] } | Extract<SlotCheck, { ok: false }> {
  const check = checkReschedule(fixtures, scheduled, windows, options, move);
  if (!check.ok) return check;
  const window = windows.find((w) => w.pitchId === move.pitchId)!;
  const start = Date.parse(move.start);
  const moved: ScheduledMatch = {
    fixtureId: move.fixtureId,
    venueId: window.venueId,
    pitchId: move.pitchId,
    start: iso(start),
    end: iso(start + options.matchMinutes * MINUTE),
  };
  const rest = scheduled.filter((s) => s.fixtureId !== move.fixtureId);
  return { ok: true, scheduled: [...rest, moved] };
}

/** Expands daily opening hours (UTC, 'HH:MM') over dates ('YYYY-MM-DD') into windows. */
export function dailyWindows(
  venueId: string,
  pitchId: string,
  dates: readonly string[],
  from: string,
  to: string,
): PitchWindow[] {
  return dates.map((date) => ({
    venueId,
    pitchId,
    start: `${date}T${from}:00.000Z`,
    end: `${date}T${to}:00.000Z`,
  }));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
