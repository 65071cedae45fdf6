/**
 * A stand-in whose every member not given in `stubs` throws when used, so a unit test fails on any
 * collaborator call it did not plan for (immich-style strict fakes).
 */
export function strictFake<T extends object>(name: string, stubs: Partial<T> = {}): T {
  return new Proxy(stubs as T, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof T];
      // Awaiting a fake, or printing it, must not count as a call.
      if (prop === 'then' || typeof prop === 'symbol' || prop === 'toJSON') return undefined;
      return () => {
        throw new Error(`unexpected call: ${name}.${String(prop)}()`);
      };
    },
  });
}
