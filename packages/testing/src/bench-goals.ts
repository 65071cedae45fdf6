// What every benchmark prints for `npm run bench` (infra/scripts/bench.mjs collects the goal lines of all
// of them into one table).

/** The p-th percentile (nearest rank) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Goal {
  service: string;
  /** What was measured and how (`cached standings GET, 32 connections`). */
  figure: string;
  /** The measured figure with its unit. */
  value: string;
  /** The goal as the issue states it (`≥ 0.5 × bare Fastify`). */
  goal: string;
  /** The baseline measured in the same run, with its unit. */
  baseline: string;
  /** value / baseline. */
  ratio: number;
  met: boolean;
}

/** `GOAL | service | figure | value | goal | baseline (same run) | ratio x | PASS or MISS`, as one line. */
export function formatGoalLine(goal: Goal): string {
  const ratio = Number.isFinite(goal.ratio) ? goal.ratio.toFixed(2) : String(goal.ratio);
  return [
    'GOAL',
    goal.service,
    goal.figure,
    goal.value,
    goal.goal,
    goal.baseline,
    `ratio ${ratio}`,
    goal.met ? 'PASS' : 'MISS',
  ]
    .map((cell) => cell.replaceAll('|', '/'))
    .join(' | ');
}

/** Prints one goal line on stdout. */
export function goalLine(goal: Goal): void {
  console.log(formatGoalLine(goal));
}
