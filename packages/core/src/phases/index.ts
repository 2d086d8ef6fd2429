export { runWinnt32Phase, type AbortRequest, type ConfirmSummary, type PluginTiming, type Winnt32Options, type Winnt32Result, type Winnt32Status, type Winnt32Timings } from './winnt32.js';
export { BUILT_IN_TABLE, builtInRow, TCPIP_ADAPTER_SECTION, type BuiltInRow, type ParamLine } from './builtins.js';
export type { NetmapDirsOptions, NetupgSourceOptions, OemSource, PluginSetOptions, PluginSpec } from './vendor.js';
export { workingDirName } from './workdirs.js';
export { HostPool, type HostKind, type PreparedHost } from './host-pool.js';
export * from './gui-mode/index.js';
export { runTextModePhase, stripComments, stripCommentsText, writeWinntInf, type TextModeResult } from './text-mode.js';
