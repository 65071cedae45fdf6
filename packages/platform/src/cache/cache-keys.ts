/** Separator between key parts; a part containing it (or `%`) is percent-escaped so keys never collide. */
export const CACHE_KEY_SEPARATOR = ':';

function escapePart(part: string | number): string {
  return String(part).replace(/%/g, '%25').replace(/:/g, '%3A').replace(/\*/g, '%2A');
}

/** `cacheKey('team', id, 'roster')` → `team:<id>:roster` (the module adds the service prefix). */
export function cacheKey(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error('cacheKey needs at least one part');
  return parts.map(escapePart).join(CACHE_KEY_SEPARATOR);
}
