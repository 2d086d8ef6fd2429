// Reading $Winnt$.inf as GUI mode does: the components listed in the top-level sections, each
// with its parameters section, OEM section and our bookkeeping line (docs/gui-mode.md).
import type { InfDocument, InfLine } from '@netmigrate/inf';
import { PRE_UPGRADE_SECTION, TOP_LEVEL_SECTIONS, type TopLevelSection } from '../../answer-file/names.js';
import { GuiModeError, type Where } from './errors.js';

export type InstallKind = 'adapter' | 'protocol' | 'service' | 'client';

const KIND_OF: Record<TopLevelSection, InstallKind> = {
  NetAdapters: 'adapter',
  AsyncAdapters: 'adapter',
  NetProtocols: 'protocol',
  NetServices: 'service',
  NetClients: 'client',
};

/** `InfToRunBeforeInstall` / `InfToRunAfterInstall`: an INF (or `""`, the answer file) and a section. */
export interface InfToRun {
  /** '' means the answer file itself. */
  readonly inf: string;
  readonly section: string;
  readonly where: Where;
}

export interface GuiComponent {
  /** The answer-file key (`adapter2`, `MS_TCPIP`, `adapter2.2`). */
  readonly key: string;
  readonly topLevel: TopLevelSection;
  readonly kind: InstallKind;
  readonly paramsSection: string;
  readonly infId: string;
  readonly oemSection: string | undefined;
  readonly oemDllToLoad: { readonly module: string; readonly where: Where } | undefined;
  readonly flags: number;
  readonly preNT5Instance: string | undefined;
  readonly preNT5InfId: string | undefined;
  /** The plugin's working directory from the Winnt32 phase; undefined for built-ins. */
  readonly workingDir: string | undefined;
  readonly before: InfToRun | undefined;
  readonly after: InfToRun | undefined;
}

function where(doc: InfDocument, line: InfLine, section: string): Where {
  return { file: doc.file, line: line.line, column: 1, section };
}

function fieldsOf(doc: InfDocument, line: InfLine): string[] {
  const sub = doc.defaultSubstituter();
  return line.fields.map((f) => sub.substitute(f));
}

function first(doc: InfDocument, section: string, key: string): { line: InfLine; fields: string[] } | undefined {
  const line = doc.section(section)?.find(key);
  return line === undefined ? undefined : { line, fields: fieldsOf(doc, line) };
}

function infToRun(doc: InfDocument, section: string | undefined, key: string): InfToRun | undefined {
  if (section === undefined) return undefined;
  const found = first(doc, section, key);
  if (found === undefined) return undefined;
  const w = where(doc, found.line, section);
  const [inf = '', name = ''] = found.fields.map((f) => f.trim());
  if (name === '') throw new GuiModeError(`${key} names no section (expected ${key}=<inf file name or "">,<section>)`, w);
  return { inf, section: name, where: w };
}

const INSTANCE_LINE = /^0x[0-9a-f]{8}$/i;

/** Every component the answer file lists, in the order GUI mode installs them. */
export function readComponents(doc: InfDocument): GuiComponent[] {
  const out: GuiComponent[] = [];
  const seen = new Set<string>();
  for (const topLevel of TOP_LEVEL_SECTIONS) {
    const section = doc.section(topLevel);
    if (section === undefined) continue;
    for (const line of section.lines()) {
      const w = where(doc, line, topLevel);
      const key = line.key;
      const [paramsSection = ''] = fieldsOf(doc, line);
      if (key === null || line.implicitKey || paramsSection === '') throw new GuiModeError(`expected <component>=params.<component> in [${topLevel}]`, w);
      if (seen.has(key.toLowerCase())) throw new GuiModeError(`component "${key}" is listed twice`, w);
      seen.add(key.toLowerCase());
      if (doc.section(paramsSection) === undefined) throw new GuiModeError(`component "${key}": its parameters section [${paramsSection}] does not exist`, w);
      // Without InfID the key is the component's ID, as Windows 2000 unattend files list in-box components (MS_TCPIP=params.MS_TCPIP).
      const infIdLine = first(doc, paramsSection, 'InfID');
      if (infIdLine !== undefined && (infIdLine.fields[0] ?? '') === '') throw new GuiModeError(`component "${key}": InfID is empty`, where(doc, infIdLine.line, paramsSection));
      const infId = infIdLine?.fields[0] ?? key;
      const oemSection = first(doc, paramsSection, 'OemSection')?.fields[0];
      const oemExists = oemSection !== undefined && doc.section(oemSection) !== undefined;
      // OemDllToLoad: the parameters section (the example), else the OEM section (the GUI-mode page) — spec §8.3.
      const paramsDll = first(doc, paramsSection, 'OemDllToLoad');
      const dll = paramsDll ?? (oemExists ? first(doc, oemSection, 'OemDllToLoad') : undefined);
      const book = first(doc, PRE_UPGRADE_SECTION, key);
      let flags = 0;
      if (book !== undefined) {
        const f = book.fields[0] ?? '';
        if (!INSTANCE_LINE.test(f)) throw new GuiModeError(`component "${key}": flags "${f}" are not 0x followed by 8 hex digits`, where(doc, book.line, PRE_UPGRADE_SECTION));
        flags = Number.parseInt(f.slice(2), 16);
      }
      const nonEmpty = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);
      out.push({
        key,
        topLevel,
        kind: KIND_OF[topLevel],
        paramsSection,
        infId,
        oemSection: oemExists ? oemSection : undefined,
        oemDllToLoad: dll === undefined || (dll.fields[0] ?? '') === '' ? undefined : { module: dll.fields[0] as string, where: where(doc, dll.line, dll === paramsDll ? paramsSection : (oemSection as string)) },
        flags,
        preNT5Instance: nonEmpty(book?.fields[1]),
        preNT5InfId: nonEmpty(book?.fields[2]),
        workingDir: nonEmpty(book?.fields[3]),
        before: infToRun(doc, oemExists ? oemSection : undefined, 'InfToRunBeforeInstall'),
        after: infToRun(doc, oemExists ? oemSection : undefined, 'InfToRunAfterInstall'),
      });
    }
  }
  return out;
}
