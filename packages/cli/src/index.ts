export { runCli } from './cli.js';
export { memoryIO, processIO, type CliIO } from './io.js';
export { EXIT } from './errors.js';
export { SCHEMA_VERSION } from './output.js';
export { answeringIO } from './io.js';
export { parsePluginSet, readPluginSet, pluginSpecs, PluginSetError, type PluginSet, type PluginSetEntry, type PluginSetProblem } from './plugin-set.js';
