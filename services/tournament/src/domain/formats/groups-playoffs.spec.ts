import fc from 'fast-check';
import { advance, findMatch, seedBracket } from './bracket';
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
