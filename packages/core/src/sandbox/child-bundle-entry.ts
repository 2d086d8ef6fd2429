/**
 * What `scripts/bundle-child.mjs` bundles into dist/sandbox/child.bundle.mjs: the package's
 * whole public API and, when the file is the process's entry point, the sandbox child.
 *
 * Inside the child `@netmigrate/core` resolves to the bundle too (export condition
 * "netmigrate-sandbox", see child-bundle.ts), so the plugin's import of core is this very
 * module, already evaluated: one copy of core in the child, and no second module graph to load.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runSandboxChild } from './child.js';

export * from '../index.js';

if (isEntryPoint(import.meta.url)) runSandboxChild();

/** Imported as a library (a plugin's `import '@netmigrate/core'`, a test) it must not take over the process. */
function isEntryPoint(url: string): boolean {
  const main = process.argv[1];
  if (main === undefined) return false;
  try {
    return realpathSync(main) === fileURLToPath(url);
  } catch {
    return false;
  }
}
