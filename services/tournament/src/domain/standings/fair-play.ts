/**
 * A card shown to a player. `second_yellow` is the (indirect) red that follows a second caution;
 * `red` is a direct red card.
 */
export interface CardRecord {
  matchId: string;
  teamId: string;
  playerId: string;
  card: 'yellow' | 'second_yellow' | 'red';
}

/**
 * Fair-play deduction per player per match, FIFA/UEFA style: only the most severe case counts —
 * yellow −1, indirect red (second yellow) −3, direct red −4, yellow then direct red −5.
 */
export function fairPlayPoints(cards: readonly CardRecord[]): Map<string, number> {
  const perPlayerMatch = new Map<string, { teamId: string; yellow: boolean; second: boolean; red: boolean }>();
  for (const c of cards) {
    const key = `${c.matchId}\u0000${c.teamId}\u0000${c.playerId}`;
    const entry = perPlayerMatch.get(key) ?? { teamId: c.teamId, yellow: false, second: false, red: false };
    if (c.card === 'yellow') entry.yellow = true;
    if (c.card === 'second_yellow') entry.second = true;
    if (c.card === 'red') entry.red = true;
    perPlayerMatch.set(key, entry);
  }
  const totals = new Map<string, number>();
  for (const e of perPlayerMatch.values()) {
    const deduction = e.red ? (e.yellow ? -5 : -4) : e.second ? -3 : e.yellow ? -1 : 0;
    totals.set(e.teamId, (totals.get(e.teamId) ?? 0) + deduction);
  }
  return totals;
}
