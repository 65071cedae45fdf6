/**
 * Domain benchmarks: `npx vitest bench --run --project tournament` from the repository root.
 * vitest prints its own table (mean, p75, p99, …); each case also prints the median of its own
 * timed runs, which is the figure the issue asks for.
 */
import { performance } from 'node:perf_hooks';
import { bench, describe } from 'vitest';
import { doubleElimination } from '../src/domain/formats/double-elimination';
import { roundRobin } from '../src/domain/formats/round-robin';
import { UEFA_GROUP_STAGE } from '../src/domain/standings/presets';
import { computeStandings } from '../src/domain/standings/standings';
import { type MatchResult } from '../src/domain/standings/table';

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

const teams128 = ids(128, 't');
const entrants1024 = ids(1024, 'e');
const league20 = ids(20, 'c');
// Deterministic low scores so that plenty of ties reach the head-to-head criteria.
const results380: MatchResult[] = roundRobin(league20, { double: true }).fixtures.map((f, i) => ({
  matchId: f.id,
  homeTeamId: f.homeTeamId,
  awayTeamId: f.awayTeamId,
  homeGoals: (i * 7) % 4,
  awayGoals: (i * 5) % 3,
}));

const samples = new Map<string, number[]>();

/** Wraps a case so each run is timed; after the measured phase (not the warm-up) the median is printed. */
function timedCase(
  name: string,
  fn: () => unknown,
): [string, () => void, { teardown: (task: unknown, mode?: 'warmup' | 'run') => void }] {
  const run = () => {
    const start = performance.now();
    fn();
    samples.set(name, [...(samples.get(name) ?? []), performance.now() - start]);
  };
  const teardown = (_task: unknown, mode?: 'warmup' | 'run') => {
    const sorted = [...(samples.get(name) ?? [])].sort((a, b) => a - b);
    if (mode !== 'warmup' && sorted.length > 0) {
      const median = sorted[Math.floor(sorted.length / 2)];
      process.stdout.write(`median ${median.toFixed(3)} ms  ${name}  (${sorted.length} runs)\n`);
    }
    samples.delete(name);
  };
  return [name, run, { teardown }];
}

describe('tournament domain', () => {
  bench(
    ...timedCase('fixtures: 128-team double round robin (16 256 matches)', () =>
      roundRobin(teams128, { double: true }),
    ),
  );
  bench(...timedCase('fixtures: 1024-entrant double elimination', () => doubleElimination(entrants1024)));
  bench(
    ...timedCase('standings: 20-team double round robin (380 results)', () =>
      computeStandings({ teamIds: league20, results: results380 }, UEFA_GROUP_STAGE),
    ),
  );
});
