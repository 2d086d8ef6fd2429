// The INFs one installation reads: the INF itself plus the files its Include= directives
// name, in that order (SetupOpenAppendInfFile). A section is looked up in that order (the
// first INF holding it wins); each line is substituted with the strings of its own INF.

import { createSubstituter, type InfDocument, type InfLine, type InfSection, type Substituter, type SubstituterOptions } from '@netmigrate/inf';
import { InstallError } from './errors.js';
import { fieldPosition } from './position.js';

export interface InfSetOptions {
  lang?: SubstituterOptions['lang'];
  dirid?: SubstituterOptions['dirid'];
  /** Opens an INF named by Include= (e.g. from the including INF's directory); undefined when there is none. */
  openInf?: ((name: string) => InfDocument | undefined) | undefined;
}

export class InfSet {
  readonly docs: InfDocument[];
  /** While substituteChecked runs: the numeric %DIRID% tokens the `dirid` option did not resolve. */
  private missedDirids: number[] | undefined;
  private readonly subs = new Map<InfDocument, Substituter>();
  private readonly opened = new Set<string>();

  constructor(
    main: InfDocument,
    private readonly options: InfSetOptions,
  ) {
    this.docs = [main];
    if (main.file !== undefined) this.opened.add(main.file.toLowerCase());
  }

  substituter(doc: InfDocument): Substituter {
    let sub = this.subs.get(doc);
    if (!sub) {
      const dirid = this.options.dirid;
      sub = createSubstituter(doc, {
        lang: this.options.lang,
        dirid: (id) => {
          const dir = dirid?.(id);
          if (dir === undefined) this.missedDirids?.push(id);
          return dir;
        },
      });
      this.subs.set(doc, sub);
    }
    return sub;
  }

  /** Substitutes `raw`, also returning the numeric %DIRID% tokens left unresolved. */
  substituteChecked(doc: InfDocument, raw: string): { text: string; unresolved: number[] } {
    const unresolved: number[] = [];
    this.missedDirids = unresolved;
    try {
      return { text: this.substituter(doc).substitute(raw), unresolved };
    } finally {
      this.missedDirids = undefined;
    }
  }

  /** The section as SetupFindFirstLine finds it in an appended INF: the first INF that has it. */
  find(name: string): { doc: InfDocument; section: InfSection } | undefined {
    for (const doc of this.docs) {
      const section = doc.section(name);
      if (section) return { doc, section };
    }
    return undefined;
  }

  /** Performs an `Include=a.inf[,b.inf]` line: each file (opened once) joins the set. */
  include(doc: InfDocument, sectionName: string, line: InfLine): void {
    line.fields.forEach((raw, i) => {
      const name = this.substituter(doc).substitute(raw).trim();
      if (name === '') return;
      const fail = (code: 'include-without-resolver' | 'include-not-found', detail: string): never => {
        const pos = fieldPosition(doc, line, i);
        throw new InstallError(code, sectionName, doc.file, pos.line, pos.column, detail);
      };
      const open = this.options.openInf;
      if (!open) return fail('include-without-resolver', `Include=${name}: no way to open included INFs (pass the openInf option)`);
      const key = name.toLowerCase();
      if (this.opened.has(key)) return;
      const included = open(name);
      if (!included) return fail('include-not-found', `Include=${name}: the INF was not found`);
      this.opened.add(key);
      if (included.file !== undefined) this.opened.add(included.file.toLowerCase());
      if (!this.docs.includes(included)) this.docs.push(included);
    });
  }
}
