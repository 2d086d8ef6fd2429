// The registry part of an install (or service-install, event-log-install) section: every
// DelReg section, then every AddReg section, each in file order (Wine's
// SetupInstallFromInfSection; what Wine 8.0 was seen doing).

import type { InfDocument, InfLine } from '@netmigrate/inf';
import type { Registry } from '@netmigrate/registry';
import { applyAddRegEntry, applyDelRegEntry, type Change, type LineContext, type SetupDiagnostic } from './execute.js';
import type { InfSet } from './include.js';
import { fieldPosition } from './position.js';

/** Where changes go and findings are reported. */
export interface Sink {
  registry: Registry;
  changes: Change[];
  diagnostics: SetupDiagnostic[];
  /** False: AddReg / DelReg lines record no changes (InstallOptions.recordChanges). */
  recordChanges?: boolean | undefined;
}

export interface RegistryDirectives {
  /** The INF and section holding the AddReg= / DelReg= lines. */
  doc: InfDocument;
  section: string;
  delReg: InfLine[];
  addReg: InfLine[];
}

export function runRegistryDirectives(set: InfSet, sink: Sink, hkr: string | undefined, d: RegistryDirectives): void {
  for (const kind of ['delreg', 'addreg'] as const) {
    for (const directive of kind === 'delreg' ? d.delReg : d.addReg) {
      const sub = set.substituter(d.doc);
      directive.fields.forEach((rawName, i) => {
        const name = sub.substitute(rawName).trim();
        if (name === '') return;
        const found = set.find(name);
        if (!found) {
          const pos = fieldPosition(d.doc, directive, i);
          const diag: SetupDiagnostic = {
            line: pos.line,
            column: pos.column,
            severity: 'warning',
            code: 'section-not-found',
            message: `${kind === 'addreg' ? 'AddReg' : 'DelReg'} section [${name}] not found; nothing to do (as SetupAPI)`,
          };
          if (d.doc.file !== undefined) diag.file = d.doc.file;
          sink.diagnostics.push(diag);
          return;
        }
        const ctx: LineContext = {
          registry: sink.registry,
          hkr,
          substituter: set.substituter(found.doc),
          doc: found.doc,
          section: found.section.name,
          changes: sink.changes,
          diagnostics: sink.diagnostics,
          recordChanges: sink.recordChanges,
        };
        const apply = kind === 'addreg' ? applyAddRegEntry : applyDelRegEntry;
        // One entry at a time, tokenized into reused storage: no objects per line.
        found.section.forEachEntry((entry) => apply(ctx, entry));
      });
    }
  }
}
