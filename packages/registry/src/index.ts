// @netmigrate/registry: the Windows registry model, a journaled atomic store, and the
// .reg (REGEDIT4 / version 5 / Windows 3.1) reader and writer.

export {
  REG_NONE, REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_LINK, REG_MULTI_SZ,
  REG_RESOURCE_LIST, REG_FULL_RESOURCE_DESCRIPTOR, REG_RESOURCE_REQUIREMENTS_LIST, REG_QWORD, regTypeName,
} from './model/types.js';
export {
  RegistryError, RegValueTypeError, RegValueDataError, ReadOnlyRegistryError, InvalidKeyPathError, InvalidValueError,
  KeyNotFoundError, RegSyntaxError, RegFormatError, StoreFormatError, SavepointError,
} from './model/errors.js';
export { RegValue, MAX_VALUE_NAME } from './model/value.js';
export { ROOTS, MAX_KEY_NAME } from './model/path.js';
export { compareNames } from './model/fold.js';
export { Registry, RegistrySnapshot, RegistryBase, type RegistryKeyView, type RegistryKeyWriter } from './model/registry.js';
export { RegistryStore, type Savepoint } from './store/store.js';
export { parseRegFile, applyRegFile, importRegFile, type ImportOptions } from './reg/read.js';
export type { ParseOptions } from './reg/parser.js';
export type { RegFile, RegOperation } from './reg/operations.js';
export { DIAGNOSTIC_CODES, type RegDiagnostic, type DiagnosticCode } from './reg/diagnostics.js';
export type { RegFormat } from './reg/header.js';
export { exportReg, exportRegTo, type ExportOptions } from './reg/writer.js';
export { getCodepage, type Codepage } from './reg/codepage.js';
export { diffRegistries, type RegDiffEntry } from './diff.js';
export { writeRegOperations, type WriteOperationsOptions } from './reg/write-operations.js';
