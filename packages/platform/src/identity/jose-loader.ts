// jose 6 is published as ESM only; this CommonJS package loads it with a dynamic import (kept as
// `import()` by the node16 module setting) and imports only its types statically.
import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };

export type Jose = typeof JoseModule;

let jose: Promise<Jose> | undefined;

export function loadJose(): Promise<Jose> {
  jose ??= import('jose');
  return jose;
}
