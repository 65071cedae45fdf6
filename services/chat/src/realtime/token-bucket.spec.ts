import { TokenBucket, ViolationCounter } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst of the rate, then one send per refill interval', () => {
    const bucket = new TokenBucket(3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(200)).toBe(false);
    expect(bucket.take(334)).toBe(true);
    expect(bucket.take(334)).toBe(false);
  });

  it('never stores more than one burst however long the socket was quiet', () => {
    const bucket = new TokenBucket(2, 0);
    const taken = [1, 2, 3].map(() => bucket.take(3_600_000));
    expect(taken).toEqual([true, true, false]);
  });
});

describe('TokenBucket with a burst above its rate', () => {
  it('lets the burst through at once, then refills at the rate up to the burst', () => {
    const bucket = new TokenBucket(2, 0, 5);
    expect(Array.from({ length: 6 }, () => bucket.take(0))).toEqual([true, true, true, true, true, false]);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.take(500)).toBe(false);
    expect(Array.from({ length: 6 }, () => bucket.take(60_000)).filter(Boolean)).toHaveLength(5);
  });
});

describe('ViolationCounter', () => {
  it('flags the socket past the limit within a minute, and forgets after the minute', () => {
    const counter = new ViolationCounter(2, 0);
    expect([counter.record(1), counter.record(2), counter.record(3)]).toEqual([false, false, true]);
    expect(counter.record(60_003)).toBe(false);
  });
});
