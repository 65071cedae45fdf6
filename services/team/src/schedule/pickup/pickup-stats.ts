import type { PersonDisplay } from '@prodvor/platform';
import type { PickupStatsRowDto } from './dto/pickup.dto';
import type { PickupResult, SideMember } from './pickup.model';

/** A stats row before the member's name and avatar are added. */
export type PickupStatsRow = Omit<PickupStatsRowDto, keyof PersonDisplay>;

/**
 * Per member of the roster: games (on a side of a recorded result), wins, draws, losses and goals;
 * ordered by games, then goals (both descending), then user id.
 */
export function pickupStats(
  roster: string[],
  games: { result: PickupResult; sides: SideMember[] }[],
): PickupStatsRow[] {
  const rows = new Map<string, PickupStatsRow>(
    roster.map((userId) => [userId, { userId, games: 0, wins: 0, draws: 0, losses: 0, goals: 0 }]),
  );
  for (const { result, sides } of games) {
    for (const member of sides) {
      const row = rows.get(member.userId);
      if (!row) continue;
      const [own, other] =
        member.side === 'A' ? [result.sideAScore, result.sideBScore] : [result.sideBScore, result.sideAScore];
      row.games += 1;
      if (own > other) row.wins += 1;
      else if (own === other) row.draws += 1;
      else row.losses += 1;
    }
    for (const scorer of result.scorers) {
      const row = rows.get(scorer.userId);
      if (row) row.goals += scorer.goals;
    }
  }
  return [...rows.values()].sort(
    (a, b) => b.games - a.games || b.goals - a.goals || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
}
