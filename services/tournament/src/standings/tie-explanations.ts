import type { TieBreaker, TieBreakStep } from '../domain';

const LABELS: Record<TieBreaker, string> = {
  points: 'points',
  goal_difference: 'goal difference',
  goals_for: 'goals scored',
  wins: 'wins',
  head_to_head_points: 'head-to-head points',
  head_to_head_goal_difference: 'head-to-head goal difference',
  head_to_head_goals: 'head-to-head goals',
  head_to_head_away_goals: 'head-to-head away goals',
  away_goals: 'away goals',
  fair_play: 'fair-play points',
  drawing_of_lots: 'drawing of lots',
};

const SIGNED = new Set<TieBreaker>(['goal_difference', 'head_to_head_goal_difference']);

/** Why a row stands where it does among the teams it was level with on the first criterion. */
export interface RowTieBreak {
  /** The teams it was level with on the first criterion. */
  levelWith: string[];
  /** The separations it took part in, in the order applied. */
  steps: TieBreakStep[];
  /** In plain words, e.g. "Level on points with Germany; ahead on head-to-head points 3–0." */
  explanation: string;
}

/**
 * One explanation per team that was level on the first criterion with another: from the table's
 * tie-break steps and the ties still waiting for lots. `nameOf` gives a display name (or the id).
 */
export function explainTies(
  tieBreakers: readonly TieBreaker[],
  steps: readonly TieBreakStep[],
  unresolvedTies: readonly string[][],
  nameOf: (teamId: string) => string,
): Map<string, RowTieBreak> {
  const teams = new Set([...steps.flatMap((s) => s.values.map((v) => v.teamId)), ...unresolvedTies.flat()]);
  const explained = new Map<string, RowTieBreak>();
  for (const teamId of teams) {
    const own = steps.filter((s) => s.values.some((v) => v.teamId === teamId));
    const pending = unresolvedTies.find((tie) => tie.includes(teamId));
    const firstGroup = own[0]?.values.map((v) => v.teamId) ?? pending ?? [];
    const levelWith = firstGroup.filter((id) => id !== teamId);
    const clauses: string[] = [];
    if (own.length > 0) {
      const levelOn = tieBreakers.slice(0, tieBreakers.indexOf(own[0].criterion)).map((c) => LABELS[c]);
      clauses.push(`Level on ${list(levelOn)} with ${list(levelWith.map(nameOf))}`);
      clauses.push(...own.map((step) => stepClause(step, teamId, nameOf)));
    }
    if (pending) {
      const still = list(pending.filter((id) => id !== teamId).map(nameOf));
      clauses.push(`${own.length > 0 ? 'level' : 'Level'} on every criterion with ${still}: the organizer draws lots`);
    }
    explained.set(teamId, { levelWith, steps: own, explanation: `${clauses.join('; ')}.` });
  }
  return explained;
}

function stepClause(step: TieBreakStep, teamId: string, nameOf: (teamId: string) => string): string {
  const mine = step.values.find((v) => v.teamId === teamId)!.value;
  const others = step.values.filter((v) => v.teamId !== teamId);
  if (step.criterion === 'drawing_of_lots') return `placed ${mine} of ${step.values.length} by drawing of lots`;
  const label = LABELS[step.criterion];
  const show = (value: number) => (SIGNED.has(step.criterion) && value > 0 ? `+${value}` : String(value));
  if (others.length === 1) {
    const theirs = others[0].value;
    const between = mine < 0 || theirs < 0 ? ' to ' : '–';
    return `${mine > theirs ? 'ahead' : 'behind'} on ${label} ${show(mine)}${between}${show(theirs)}`;
  }
  const side = (filter: (value: number) => boolean) =>
    list(others.filter((o) => filter(o.value)).map((o) => `${nameOf(o.teamId)} (${show(o.value)})`));
  const parts = [
    others.some((o) => o.value < mine) && `ahead of ${side((v) => v < mine)}`,
    others.some((o) => o.value > mine) && `behind ${side((v) => v > mine)}`,
    others.some((o) => o.value === mine) && `level with ${side((v) => v === mine)}`,
  ].filter(Boolean);
  return `on ${label} ${show(mine)}: ${parts.join(', ')}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
