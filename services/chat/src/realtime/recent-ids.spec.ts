import { RecentIds } from './recent-ids';

describe('RecentIds', () => {
  it('answers false for an id seen before in the same room only', () => {
    const recent = new RecentIds();
    expect(recent.firstTime('r1', ['a'])).toBe(true);
    expect(recent.firstTime('r1', ['a'])).toBe(false);
    expect(recent.firstTime('r2', ['a'])).toBe(true);
    expect(recent.firstTime('r1', ['b', 'a'])).toBe(false);
  });

  it('forgets the oldest ids of a room and the least recently active rooms past its bounds', () => {
    const recent = new RecentIds(2, 2);
    recent.firstTime('r1', ['a']);
    recent.firstTime('r1', ['b']);
    recent.firstTime('r1', ['c']);
    expect(recent.firstTime('r1', ['a'])).toBe(true);
    recent.firstTime('r2', ['x']);
    recent.firstTime('r1', ['d']);
    recent.firstTime('r3', ['y']);
    // r2 was the least recently active room when r3 came.
    expect(recent.firstTime('r1', ['d'])).toBe(false);
    expect(recent.firstTime('r2', ['x'])).toBe(true);
  });
});
