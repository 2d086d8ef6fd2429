// `expect(text).toMatchGolden(path)` for vitest: import '@netmigrate/testing/vitest' once (in a
// test file or a setup file). The comparison is matchGolden's (UPDATE_GOLDEN=1 rewrites).

import { AssertionError } from 'node:assert';
import { expect } from 'vitest';
import { matchGolden, type GoldenOptions } from './expect.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Matchers<T = any> {
    /** Compares a string or bytes with a golden file; UPDATE_GOLDEN=1 rewrites the file. */
    toMatchGolden(path: string, options?: GoldenOptions): void;
  }
}

expect.extend({
  toMatchGolden(received: unknown, path: string, options?: GoldenOptions) {
    if (typeof received !== 'string' && !(received instanceof Uint8Array)) {
      return { pass: false, message: () => `toMatchGolden: expected a string or bytes, got ${typeof received}` };
    }
    try {
      matchGolden(received, path, options);
      return { pass: true, message: () => `expected the output not to match the golden file ${path}` };
    } catch (e) {
      if (!(e instanceof AssertionError)) throw e;
      return { pass: false, message: () => e.message, actual: e.actual, expected: e.expected };
    }
  },
});
