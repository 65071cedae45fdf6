import { serverUrls, uniqueName } from '@prodvor/testing';
import { RedisStore } from '../src';

describe('RedisStore (data kept in Redis)', () => {
  const opened: RedisStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.onApplicationShutdown()));
  });

  it('keys every part under the prefix, escaping separators so two keys never collide', async () => {
    const store = await RedisStore.open({ url: serverUrls.redis, prefix: uniqueName('store') });
    opened.push(store);
    expect(store.key('rate', 'a:b')).not.toBe(store.key('rate', 'a', 'b'));
    await store.client.set(store.key('rate', 'a:b'), '1');
    expect(await store.client.get(store.key('rate', 'a', 'b'))).toBeNull();
    expect(await store.client.get(store.key('rate', 'a:b'))).toBe('1');
  });

  it('delivers a publish to the subscriber connection', async () => {
    const store = await RedisStore.open({ url: serverUrls.redis, prefix: uniqueName('store'), subscriber: true });
    opened.push(store);
    const received: string[] = [];
    await store.subscriber.subscribe(store.key('bus'), (message) => received.push(message));
    await store.client.publish(store.key('bus'), 'hello');
    await expect.poll(() => received).toEqual(['hello']);
  });

  it('refuses the subscriber connection when it was not asked for', async () => {
    const store = await RedisStore.open({ url: serverUrls.redis, prefix: uniqueName('store') });
    opened.push(store);
    expect(() => store.subscriber).toThrow(/without a subscriber/);
  });

  it('fails start-up when Redis never answers, instead of starting half-connected', async () => {
    await expect(RedisStore.open({ url: 'redis://127.0.0.1:1', prefix: 'x', connectWaitMs: 500 })).rejects.toThrow(
      /not reachable within 500 ms/,
    );
  });

  it('fails a command at once while Redis is away (no offline queue holding the caller)', async () => {
    const store = new RedisStore({ url: 'redis://127.0.0.1:1', prefix: 'x' });
    try {
      const started = Date.now();
      await expect(store.client.get(store.key('anything'))).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await store.onApplicationShutdown();
    }
  });
});
