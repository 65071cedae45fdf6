import { basename, resolve } from 'node:path';
import swc from 'unplugin-swc';
import type { UserWorkspaceConfig } from 'vitest/config';

const root = import.meta.dirname;

/** Workspace packages resolve to their TypeScript sources in tests, so no build is needed first. */
export const sourceAliases = {
  '@prodvor/platform': resolve(root, 'packages/platform/src/index.ts'),
  '@prodvor/contracts': resolve(root, 'packages/contracts/src/index.ts'),
  '@prodvor/testing': resolve(root, 'packages/testing/src/index.ts'),
};

export function projectPreset(dir: string): UserWorkspaceConfig {
  return {
    // SWC keeps NestJS decorator metadata, which esbuild drops.
    plugins: [
      swc.vite({
        tsconfigFile: false,
        module: { type: 'es6' },
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
      }),
    ],
    resolve: { alias: sourceAliases },
    test: {
      name: basename(dir),
      root: dir,
      globals: true,
      include: ['src/**/*.spec.ts', 'test/**/*.int-spec.ts', 'test/**/*.e2e-spec.ts'],
      // Nest's default logger goes to the console, captured per test (see vitest.setup.mts).
      setupFiles: [resolve(root, 'vitest.setup.mts')],
      // Integration tests wait on consumer-group joins and brokers; CI runs many files at once.
      // The AWS SDK warns once per process that its 2027 releases need Node 22 (this machine runs 20):
      // a fact for the README, not a line under every passing storage test.
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      testTimeout: 60_000,
      hookTimeout: 60_000,
      restoreMocks: true,
    },
  };
}
