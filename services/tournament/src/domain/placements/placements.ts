import type { Bracket, BracketMatch } from '../formats/bracket';
import type { SlotSource } from '../formats/fixture';

export type PlacementDecidedBy = 'final' | 'third_place' | 'round_lost' | 'table' | 'group_stage';

export interface Placement {
  /** The best place the team shares (5 for '5–8'). */
  place: number;
  /** '1', or a shared range such as '3–4' or '5–8'. */
  placeLabel: string;
  teamId: string;
  decidedBy: PlacementDecidedBy;
}

export interface Placements {
  rows: Placement[];
  /** True only when every match that decides a place counts (and no tie waits for lots). */
  final: boolean;
}

/** A table in final position order; `ties` lists teams nothing separates yet (they share a place). */
export interface PlacementTable {
  rows: { teamId: string; played: number; points: number; goalDifference: number; goalsFor: number }[];
  ties?: readonly (readonly string[])[];
}

interface Tier {
  teamIds: string[];
  /** How many places the tier takes; more than the known teams while a round is still being played. */
  size: number;
  decidedBy: PlacementDecidedBy;
}

function label(place: number, size: number): string {
  return size > 1 ? `${place}–${place + size - 1}` : `${place}`;
}

/** Numbers tiers from `first` on: each takes `size` places, its teams share the first of them. */
function numberTiers(tiers: readonly Tier[], first = 1): Placement[] {
  const rows: Placement[] = [];
  let place = first;
  for (const tier of tiers) {
    for (const teamId of tier.teamIds)
      rows.push({ place, placeLabel: label(place, tier.size), teamId, decidedBy: tier.decidedBy });
    place += tier.size;
  }
  return rows;
}

/** League or Swiss: the table order; teams in an unresolved tie share their places. */
export function tablePlacements(table: PlacementTable, complete: boolean): Placements {
  const tiers: Tier[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    if (seen.has(row.teamId)) continue;
    const tie = table.ties?.find((t) => t.includes(row.teamId));
    const teamIds = tie ? table.rows.map((r) => r.teamId).filter((id) => tie.includes(id)) : [row.teamId];
    teamIds.forEach((id) => seen.add(id));
    tiers.push({ teamIds, size: teamIds.length, decidedBy: 'table' });
  }
  return { rows: numberTiers(tiers), final: complete && (table.ties?.length ?? 0) === 0 };
}

const OPEN = new Set(['pending', 'ready']);

/** Whether a slot will certainly be empty (a bye, or the winner / loser of a match that has none). */
function isBye(src: SlotSource, bracket: Bracket, byId: Map<string, BracketMatch>): boolean {
  switch (src.kind) {
    case 'bye':
      return true;
    case 'seed':
      return src.seed > bracket.entrants.length;
    case 'entrant':
      return false;
    case 'winner':
      return byId.get(src.matchId)?.status === 'void';
    case 'loser': {
      const from = byId.get(src.matchId);
      return from !== undefined && (from.status === 'void' || (from.status === 'walkover' && from.loserId === null));
    }
  }
}

/** Whether the match eliminates a team (or will): not void, not a bye. */
function eliminates(m: BracketMatch, bracket: Bracket, byId: Map<string, BracketMatch>): boolean {
  if (m.status === 'void') return false;
  if (m.status === 'walkover') return m.loserId !== null;
  if (m.status === 'decided') return true;
  return !isBye(m.home, bracket, byId) && !isBye(m.away, bracket, byId);
}

/**
 * Knockout placements from a resolved bracket. Single elimination: the final's winner and loser, the
 * third-place match (or a shared '3–4'), then the losers of each earlier round share a range. Double
 * elimination: champion and runner-up from the grand final (or its reset), then the teams knocked out
 * in each losers-bracket round, later rounds first, and teams that withdrew last. Ranges count the
 * teams really eliminated there (byes take no place). Teams still in the running are not listed yet.
 */
export function bracketPlacements(bracket: Bracket): Placements {
  const byId = new Map(bracket.matches.map((m) => [m.id, m]));
  const final = !bracket.matches.some((m) => OPEN.has(m.status));
  const tiers: Tier[] = [];
  const losers = (m: BracketMatch) => (m.loserId ? [m.loserId] : []);
  const winners = (m: BracketMatch) => (m.winnerId ? [m.winnerId] : []);

  if (bracket.kind === 'double_elimination') {
    const gf = bracket.matches.find((m) => m.stage === 'grand_final');
    const reset = bracket.matches.find((m) => m.stage === 'grand_final_reset');
    const last = reset && reset.status !== 'void' ? reset : gf;
    // A reset still pending decides nothing yet; the first final's loser then is not known to be second.
    const decided = last && last.status !== 'pending' && last.status !== 'ready' ? last : undefined;
    tiers.push({ teamIds: decided ? winners(decided) : [], size: 1, decidedBy: 'final' });
    tiers.push({ teamIds: decided ? losers(decided) : [], size: 1, decidedBy: 'final' });
    tiers.push(...roundTiers(bracket, byId, 'losers'));
    // A team that withdrew drops out as a bye and never loses a losers-bracket match: it comes last.
    const placed = new Set(tiers.flatMap((t) => t.teamIds));
    const withdrawn = (bracket.withdrawn ?? []).filter((id) => bracket.entrants.includes(id) && !placed.has(id));
    if (withdrawn.length > 0) tiers.push({ teamIds: withdrawn, size: withdrawn.length, decidedBy: 'round_lost' });
  } else {
    const rounds = Math.max(0, ...bracket.matches.filter((m) => m.stage === 'knockout').map((m) => m.round));
    const fin = bracket.matches.find((m) => m.stage === 'knockout' && m.round === rounds);
    const third = bracket.matches.find((m) => m.stage === 'third_place');
    tiers.push({ teamIds: fin ? winners(fin) : [], size: 1, decidedBy: 'final' });
    tiers.push({ teamIds: fin ? losers(fin) : [], size: 1, decidedBy: 'final' });
    const earlier = roundTiers(bracket, byId, 'knockout').filter((_, i) => i > 0);
    if (third && third.status !== 'void') {
      tiers.push({ teamIds: winners(third), size: 1, decidedBy: 'third_place' });
      tiers.push({ teamIds: losers(third), size: 1, decidedBy: 'third_place' });
      earlier.shift();
    }
    tiers.push(...earlier);
  }
  return { rows: numberTiers(tiers), final };
}

/** One tier per round of a stage, last round first: its matches' losers, sized by the matches that eliminate. */
function roundTiers(bracket: Bracket, byId: Map<string, BracketMatch>, stage: 'knockout' | 'losers'): Tier[] {
  const byRound = new Map<number, BracketMatch[]>();
  for (const m of bracket.matches.filter((x) => x.stage === stage))
    byRound.set(m.round, [...(byRound.get(m.round) ?? []), m]);
  return [...byRound]
    .sort(([a], [b]) => b - a)
    .map(([, matches]) => ({
      teamIds: matches.flatMap((m) => (m.loserId ? [m.loserId] : [])),
      size: matches.filter((m) => eliminates(m, bracket, byId)).length,
      decidedBy: 'round_lost' as const,
    }));
}

/**
 * Groups and playoffs: the playoff's placements first, then the teams out in the groups after every
 * place the playoff gives. Those are ranked by group position, then points per match, goal difference
 * per match and goals per match (per match so groups of different sizes compare fairly); teams level
 * on all of these share their places. Until the playoff is seeded the current tables stand in for the
 * group stage (provisional).
 */
export function groupsPlayoffPlacements(
  playoff: Bracket,
  groups: readonly PlacementTable[],
  advancePerGroup: number,
  groupsComplete: boolean,
): Placements {
  const seeded = playoff.entrants.every((e) => e !== null);
  const knockout = seeded ? bracketPlacements(playoff) : { rows: [], final: false };
  const inPlayoff = new Set(playoff.entrants.filter((e): e is string => e !== null));
  const out = groups.flatMap((g) =>
    g.rows
      .map((row, i) => ({ row, position: i + 1 }))
      .filter(({ row, position }) => (seeded ? !inPlayoff.has(row.teamId) : position > advancePerGroup)),
  );
  const perMatch = (n: number, played: number) => (played > 0 ? n / played : 0);
  const key = ({ row, position }: (typeof out)[number]) => [
    position,
    -perMatch(row.points, row.played),
    -perMatch(row.goalDifference, row.played),
    -perMatch(row.goalsFor, row.played),
  ];
  const compare = (a: (typeof out)[number], b: (typeof out)[number]) => {
    const [ka, kb] = [key(a), key(b)];
    return ka.map((v, i) => v - kb[i]).find((d) => d !== 0) ?? a.row.teamId.localeCompare(b.row.teamId);
  };
  const sorted = [...out].sort(compare);
  const tiers: Tier[] = [];
  for (const entry of sorted) {
    const previous = tiers.at(-1);
    const level = previous && key(sorted[sorted.indexOf(entry) - 1]).every((v, i) => v === key(entry)[i]);
    if (previous && level) {
      previous.teamIds.push(entry.row.teamId);
      previous.size++;
    } else tiers.push({ teamIds: [entry.row.teamId], size: 1, decidedBy: 'group_stage' });
  }
  return {
    rows: [...knockout.rows, ...numberTiers(tiers, playoff.entrants.length + 1)],
    final: seeded && groupsComplete && knockout.final,
  };
}
