import fc from 'fast-check';
import { advance, bracketChampion, findMatch, seedBracket } from './bracket';
import { seededRandom } from '@prodvor/contracts';
import { crossGroupPositions, groupsAndPlayoffs, playoffEntrants, seedGroups } from './groups-playoffs';

const teams = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

describe('seedGroups', () => {
  it('snakes seeds across groups', () => {
    expect(seedGroups(teams(8), 4, { method: 'snake' }).map((g) => [g.name, g.teamIds])).toEqual([
      ['A', ['s1', 's8']],
      ['B', ['s2', 's7']],
      ['C', ['s3', 's6']],
      ['D', ['s4', 's5']],
    ]);
  });

  it('draws pots reproducibly: one team of each pot per group', () => {
    const draw = (seed: number) => seedGroups(teams(16), 4, { method: 'pots', drawSeed: seed });
    expect(draw(42)).toEqual(draw(42));
    for (const group of draw(42)) {
      const pots = group.teamIds.map((t) => Math.floor((Number(t.slice(1)) - 1) / 4));
      expect(pots).toEqual([0, 1, 2, 3]);
    }
  });

  it('refuses groups of fewer than 2 teams', () => {
    expect(() => seedGroups(teams(5), 3, { method: 'snake' })).toThrow('at least 2');
  });
});

describe('groupsAndPlayoffs', () => {
  it('crosses group winners with runners-up: A1 v B2, B1 v A2, …', () => {
    const t = groupsAndPlayoffs(teams(16), { groupCount: 4, advancePerGroup: 2, seeding: { method: 'snake' } });
    expect(t.fixtures).toHaveLength(4 * 6);
    const labelOf = (seed: number | undefined) => (seed ? t.playoff.seedLabels![seed - 1] : 'bye');
    const firstRound = t.playoff.matches
      .filter((m) => m.round === 1)
      .map((m) => [m.home, m.away].map((s) => labelOf(s.kind === 'seed' ? s.seed : undefined)).join(' v '));
    expect(firstRound).toEqual(['A1 v B2', 'D1 v C2', 'B1 v A2', 'C1 v D2']);
  });

  it('fills the knockout from the final group orders', () => {
    const t = groupsAndPlayoffs(teams(4), { groupCount: 2, advancePerGroup: 2, seeding: { method: 'snake' } });
    const entrants = playoffEntrants(t.playoff, { A: ['s4', 's1'], B: ['s2', 's3'] });
    let bracket = seedBracket(t.playoff, entrants);
    expect(findMatch(bracket, 'K1-1')).toMatchObject({ homeTeamId: 's4', awayTeamId: 's3' });
    expect(findMatch(bracket, 'K1-2')).toMatchObject({ homeTeamId: 's2', awayTeamId: 's1' });
    bracket = advance(bracket, 'K1-1', 's3');
    expect(findMatch(bracket, 'K2-1').homeTeamId).toBe('s3');
  });

  it("property: with 2 qualifiers per group, a group's teams are in opposite halves; never a same-group first round", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 4 }), (groupCount, k) => {
        fc.pre(groupCount * k >= 2);
        const { seedPositions, labels } = crossGroupPositions(groupCount, k);
        const size = seedPositions.length;
        expect([...seedPositions].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i + 1));
        const groupAt = (position: number) => labels[seedPositions[position] - 1]?.[0];
        for (let p = 0; p < size; p += 2) {
          if (groupCount > 1 && groupAt(p)) expect(groupAt(p)).not.toBe(groupAt(p + 1));
        }
        if (k === 2) {
          for (let g = 0; g < groupCount; g++) {
            const name = String.fromCharCode(65 + g);
            const [p1, p2] = [1, 2].map((place) => seedPositions.indexOf(labels.indexOf(`${name}${place}`) + 1));
            expect(p1 < size / 2).not.toBe(p2 < size / 2);
          }
        }
      }),
    );
  });
});

describe('groupsAndPlayoffs over 2…64 teams', () => {
  const shape = fc
    .integer({ min: 2, max: 64 })
    .chain((n) =>
      fc.integer({ min: 1, max: Math.floor(n / 2) }).chain((groupCount) =>
        fc.record({
          n: fc.constant(n),
          groupCount: fc.constant(groupCount),
          k: fc.integer({ min: 1, max: Math.floor(n / groupCount) }),
          double: fc.boolean(),
          thirdPlace: fc.boolean(),
          seeding: fc.oneof(
            fc.constant({ method: 'snake' as const }),
            fc.integer().map((drawSeed) => ({ method: 'pots' as const, drawSeed })),
          ),
          coin: fc.integer(),
        }),
      ),
    )
    .filter(({ groupCount, k }) => groupCount * k >= 2);

  it('property: balanced groups, every pair in a group meets once (twice for double), a playoff of groups×K', () => {
    fc.assert(
      fc.property(shape, ({ n, groupCount, k, double, thirdPlace, seeding, coin }) => {
        const all = teams(n);
        const t = groupsAndPlayoffs(all, {
          groupCount,
          advancePerGroup: k,
          seeding,
          doubleRoundRobin: double,
          thirdPlace,
        });

        // Groups: a partition of the teams, sizes within one of each other.
        expect(t.groups).toHaveLength(groupCount);
        expect(t.groups.flatMap((g) => g.teamIds).sort()).toEqual([...all].sort());
        const sizes = t.groups.map((g) => g.teamIds.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);

        // Fixtures: only within a group; each unordered pair once, or once each way for double.
        const groupOf = new Map(t.groups.flatMap((g) => g.teamIds.map((id) => [id, g.name] as const)));
        const meetings = new Map<string, number>();
        const ordered = new Set<string>();
        for (const f of t.fixtures) {
          expect(f.homeTeamId).not.toBe(f.awayTeamId);
          expect(groupOf.get(f.homeTeamId)).toBe(groupOf.get(f.awayTeamId));
          const pair = [f.homeTeamId, f.awayTeamId].sort().join('|');
          meetings.set(pair, (meetings.get(pair) ?? 0) + 1);
          ordered.add(`${f.homeTeamId}>${f.awayTeamId}`);
        }
        const pairs = t.groups.reduce((sum, g) => sum + (g.teamIds.length * (g.teamIds.length - 1)) / 2, 0);
        expect(meetings.size).toBe(pairs);
        expect([...meetings.values()].every((count) => count === (double ? 2 : 1))).toBe(true);
        if (double) expect(ordered.size).toBe(2 * pairs);

        // Playoff: G×K qualifiers labelled by group and place, padded to a power of two with byes.
        const entrants = groupCount * k;
        expect(t.playoff.entrants).toHaveLength(entrants);
        const labels = t.playoff.seedLabels!;
        expect(new Set(labels).size).toBe(entrants);
        for (const g of t.groups)
          for (let place = 1; place <= k; place++) expect(labels).toContain(`${g.name}${place}`);

        // Seeded from the final group orders (here: the group's seed order), the knockout plays to a champion
        // in entrants − 1 matches (+1 third place), group winners first in line for the byes.
        const orders = Object.fromEntries(t.groups.map((g) => [g.name, g.teamIds]));
        let bracket = seedBracket(t.playoff, playoffEntrants(t.playoff, orders));
        const byeWinners = bracket.matches
          .filter((m) => m.status === 'walkover' && m.stage === 'knockout')
          .map((m) => labels[bracket.entrants.indexOf(m.winnerId)]);
        const size = 2 ** Math.ceil(Math.log2(entrants));
        expect(byeWinners).toHaveLength(size - entrants);
        const winners = labels.filter((l) => l.endsWith('1') && l.length === 2);
        if (byeWinners.length <= groupCount) expect(byeWinners.every((l) => winners.includes(l))).toBe(true);
        else expect(winners.every((l) => byeWinners.includes(l))).toBe(true);

        const random = seededRandom(coin);
        let played = 0;
        for (let next = bracket.matches.find((m) => m.status === 'ready'); next;) {
          bracket = advance(bracket, next.id, random() < 0.5 ? next.homeTeamId! : next.awayTeamId!);
          played++;
          next = bracket.matches.find((m) => m.status === 'ready');
        }
        expect(played).toBe(entrants - 1 + (thirdPlace && entrants >= 4 ? 1 : 0));
        expect(bracketChampion(bracket)).not.toBeNull();
      }),
    );
  });
});
