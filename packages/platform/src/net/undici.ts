/**
 * undici, without its side effect on Node's own fetch. When first loaded, undici installs an Agent of
 * its version as the process-wide dispatcher (lib/global.js) unless one is there, and Node's built-in
 * fetch (its bundled, older undici) then runs on that Agent: a request with an explicit Content-Length
 * fails ("invalid content-length header"). So Node's fetch is made to install its own first (loading
 * it is enough: a `data:` URL touches no network); the safe fetcher passes its own Agent to every request.
 */
const LEGACY_SLOT = Symbol.for('undici.globalDispatcher.1');
if ((globalThis as unknown as Record<symbol, unknown>)[LEGACY_SLOT] === undefined) {
  void fetch('data:,').then(
    (response) => response.arrayBuffer(),
    () => undefined,
  );
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const undici = require('undici') as typeof import('undici');

export const { Agent, errors, request } = undici;
export type Agent = InstanceType<typeof undici.Agent>;
export type { Dispatcher } from 'undici';
