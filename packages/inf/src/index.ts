// @netmigrate/inf — lossless INF / answer-file toolkit with SetupAPI field semantics.

export { parseInf, type ParseOptions } from './parse.js';
export { InfDocument, InfSection, InfLine, type InfEntryCursor, type LineSpec } from './document.js';
export { createSubstituter, parseLangId, type Substituter, type SubstituterOptions, type StringSource } from './strings.js';
export { formatField, formatLine, formatSectionHeader } from './writer.js';
export {
  InfSyntaxError,
  InfFieldError,
  InfWriteError,
  SETUPAPI_ERRORS,
  type InfDiagnostic,
  type SetupApiErrorName,
  type WriteProblem,
} from './diagnostics.js';
export type { InfEncoding } from './decode.js';
export type { LineEnding } from './lines.js';
export type { PreamblePolicy } from './layout.js';
export { MAX_SECTION_NAME_LENGTH } from './layout.js';
export { MAX_FIELD_CHARS, W2K_FIELD_CHARS } from './lint.js';
export * from './addreg.js';
