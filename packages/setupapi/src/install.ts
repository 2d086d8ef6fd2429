// runInstallSection: the registry part of SetupInstallFromInfSection (SPINST_REGISTRY).

import { createSubstituter, type InfDocument, type InfLine, type SubstituterOptions } from '@netmigrate/inf';
import type { Registry } from '@netmigrate/registry';
import { applyAddRegLine, applyDelRegLine, type Change, type LineContext, type SetupDiagnostic } from './execute.js';
import { fieldPosition } from './position.js';

export interface InstallOptions {
  registry: Registry;
  /** Key path HKR maps to (e.g. the component's instance key). HKR lines are skipped with a diagnostic when absent. */
  hkr?: string | undefined;
  /** LANGID of the [Strings.<LangID>] section to prefer (see @netmigrate/inf createSubstituter). */
  lang?: SubstituterOptions['lang'];
  /** Directory for a numeric %DIRID% token. */
  dirid?: SubstituterOptions['dirid'];
}

export interface InstallResult {
  changes: Change[];
  diagnostics: SetupDiagnostic[];
}

/** The install section does not exist (SetupAPI: ERROR_SECTION_NOT_FOUND). */
export class SectionNotFoundError extends Error {
  override readonly name = 'SectionNotFoundError';
  readonly code = 'ERROR_SECTION_NOT_FOUND';
  constructor(
    readonly section: string,
    readonly file: string | undefined,
  ) {
    super(`${file ?? '<inf>'}: install section [${section}] not found`);
  }
}

/** The install section holds a directive this executor does not perform (it never skips one silently). */
export class UnsupportedDirectiveError extends Error {
  override readonly name = 'UnsupportedDirectiveError';
  constructor(
    readonly directive: string,
    readonly section: string,
    readonly file: string | undefined,
    readonly line: number,
    readonly column: number,
  ) {
    super(
      `${file ?? '<inf>'}:${line}:${column}: directive "${directive}" in [${section}] is not performed ` +
        '(only AddReg and DelReg are); nothing was executed',
    );
  }
}

/** The directives performed, in SetupAPI's order: every DelReg before any AddReg. */
const PERFORMED = ['delreg', 'addreg'] as const;

/**
 * Executes the AddReg and DelReg directives of an install section against `options.registry`.
 * All DelReg sections run first, then all AddReg sections, each in file order. Any other
 * directive (CopyFiles, AddService, Include, Needs, …) makes the call throw
 * UnsupportedDirectiveError before anything is changed.
 */
export function runInstallSection(doc: InfDocument, sectionName: string, options: InstallOptions): InstallResult {
  const section = doc.section(sectionName);
  if (!section) throw new SectionNotFoundError(sectionName, doc.file);
  const substituter = createSubstituter(doc, { lang: options.lang, dirid: options.dirid });

  const directives: Record<(typeof PERFORMED)[number], InfLine[]> = { delreg: [], addreg: [] };
  for (const line of section.lines()) {
    const key = line.key === null || line.implicitKey ? null : substituter.substitute(line.key);
    const folded = key?.trim().toLowerCase();
    if (folded === 'addreg' || folded === 'delreg') {
      directives[folded].push(line);
      continue;
    }
    const pos = fieldPosition(doc, line, -1);
    throw new UnsupportedDirectiveError(key ?? line.raw.trim(), section.name, doc.file, line.line, pos.column);
  }

  const result: InstallResult = { changes: [], diagnostics: [] };
  for (const kind of PERFORMED) {
    for (const directive of directives[kind]) {
      directive.fields.forEach((rawName, i) => {
        const name = substituter.substitute(rawName).trim();
        if (name === '') return;
        const target = doc.section(name);
        if (!target) {
          const pos = fieldPosition(doc, directive, i);
          const d: SetupDiagnostic = {
            line: pos.line,
            column: pos.column,
            severity: 'warning',
            code: 'section-not-found',
            message: `${kind === 'addreg' ? 'AddReg' : 'DelReg'} section [${name}] not found; nothing to do (as SetupAPI)`,
          };
          if (doc.file !== undefined) d.file = doc.file;
          result.diagnostics.push(d);
          return;
        }
        const ctx: LineContext = {
          registry: options.registry,
          hkr: options.hkr,
          substituter,
          doc,
          section: target.name,
          changes: result.changes,
          diagnostics: result.diagnostics,
        };
        for (const line of target.lines()) (kind === 'addreg' ? applyAddRegLine : applyDelRegLine)(ctx, line);
      });
    }
  }
  return result;
}
