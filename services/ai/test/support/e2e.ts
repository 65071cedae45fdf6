/** Shared by the ai-service e2e specs. */
export const players = Array.from({ length: 10 }, (_, i) => ({
  id: `p${i}`,
  skill: (i % 5) + 4,
  positions: i < 2 ? ['GK'] : ['MF', 'FW'],
}));

export async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
