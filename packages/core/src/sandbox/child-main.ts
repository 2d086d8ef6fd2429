/**
 * The sandbox child's entry script from the tsc build (the host's fallback when the bundle
 * child.bundle.mjs is missing or stale). Never imported by the engine.
 */
import { runSandboxChild } from './child.js';

runSandboxChild();
