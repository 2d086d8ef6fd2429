import { defineConfig } from 'vitest/config';

// Workspace packages are imported through their "source" export condition, so tests run
// against src/*.ts without a build.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'examples/*/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/conformance/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
