/** A small seeded PRNG (mulberry32): the same seed gives the same hostile requests, so a failure reproduces. */
export interface Random {
  next(): number;
  int(maxExclusive: number): number;
  bytes(count: number): Buffer;
  pick<T>(values: readonly T[]): T;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  return {
    next,
    int,
    bytes: (count) => Buffer.from(Array.from({ length: count }, () => int(256))),
    pick: (values) => values[int(values.length)],
  };
}

/** A stable 32-bit hash (FNV-1a): each operation draws from its own stream, independent of the others. */
export function hashSeed(seed: number, text: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A version-7-shaped UUID from the stream, for identities and well-formed ids. */
export function randomUuid(random: Random): string {
  const hex = random.bytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
