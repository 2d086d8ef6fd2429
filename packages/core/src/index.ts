// The plugin contract: what a vendor's plugin imports.
export * from './contract/constants.js';
export * from './contract/decorators.js';
export * from './contract/errors.js';
export type * from './contract/hooks.js';
export { HOOKS, POST_UPGRADE_HOOKS, REQUIRED_HOOKS } from './contract/hooks.js';
export type * from './contract/manifest.js';
export * from './contract/results.js';
export * from './contract/tokens.js';
export * from './contract/vendor-info.js';
// Re-exported so a plugin needs no direct tsyringe dependency to annotate its constructor.
export { inject } from './di.js';

export * from './answer/limits.js';
export * from './answer/recorder.js';
export { answerFileReader } from './answer/reader.js';
export type * from './answer/writer.js';

export * from './registry/tree.js';
export * from './registry/view.js';
export * from './registry/ops.js';
export * from './registry/writable.js';

export * from './loader/load.js';
export type { PluginRunContext } from './loader/instantiate.js';
export type { PluginRef } from './loader/resolve.js';

export * from './sandbox/failures.js';
export type * from './sandbox/hook-call.js';
export * from './sandbox/host.js';
export { InProcessPluginHost } from './sandbox/in-process-host.js';
export { SandboxedPluginHost } from './sandbox/sandboxed-host.js';
export { sandboxExecArgv } from './sandbox/child-flags.js';
export { sandboxRunner, type SandboxRunner } from './sandbox/runner-path.js';
export * from './sandbox/session.js';

// The engine: discovery, vendor files, the AnswerFile, the Winnt32 phase, events, the report.
export * from './discovery/index.js';
export * from './oem/index.js';
export * from './answer-file/index.js';
export * from './events/index.js';
export * from './report/index.js';
export * from './phases/index.js';
export * from './target/index.js';
