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

describe('ViolationCounter', () => {
  it('flags the socket past the limit within a minute, and forgets after the minute', () => {
    const counter = new ViolationCounter(2, 0);
    expect([counter.record(1), counter.record(2), counter.record(3)]).toEqual([false, false, true]);
    expect(counter.record(60_003)).toBe(false);
  });
});
