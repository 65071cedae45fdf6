import { RenewingToken } from './renewing-token';

describe('RenewingToken', () => {
  it('fetches once for concurrent callers, keeps the token until renewAt, and again after invalidate', async () => {
    let now = 0;
    let fetches = 0;
    const token = new RenewingToken(
      async () => {
        fetches += 1;
        return { token: `t${fetches}`, renewAt: now + 1_000 };
      },
      () => now,
    );
    expect(await Promise.all([token.get(), token.get(), token.get()])).toEqual(['t1', 't1', 't1']);
    now = 999;
    expect(await token.get()).toBe('t1');
    now = 1_000;
    expect(await token.get()).toBe('t2');
    token.invalidate();
    expect(await token.get()).toBe('t3');
    expect(fetches).toBe(3);
  });

  it('keeps nothing from a failed fetch: the next call tries again', async () => {
    let fail = true;
    const token = new RenewingToken(async () => {
      if (fail) throw new Error('token endpoint down');
      return { token: 'ok', renewAt: Number.MAX_SAFE_INTEGER };
    });
    await expect(token.get()).rejects.toThrow('token endpoint down');
    fail = false;
    expect(await token.get()).toBe('ok');
  });
});
