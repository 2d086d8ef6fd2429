// One install section, run as the GUI-mode phase runs InfToRunBeforeInstall /
// InfToRunAfterInstall: first the whole section and everything it references is checked and
// turned into steps (any refusal or error is thrown here, before the first change), then the
// steps run in order.
//
// Order (see README "Order of processing"): Include, then each Needs section (recursively, same
// order), then DelReg, AddReg, then AddService, DelService; finally, as InstallHinfSection
// does, the `<section>.Services` section's Include / Needs / AddService / DelService.

import type { InfDocument, InfLine, InfSection } from '@netmigrate/inf';
import type { Change, SetupDiagnostic } from './execute.js';
import { InstallError, SectionNotFoundError, UnsupportedDirectiveError } from './errors.js';
import { InfSet, type InfSetOptions } from './include.js';
import { fieldPosition } from './position.js';
import { runRegistryDirectives, type Sink } from './registry-phase.js';
import { SERVICES_KEY, applyAddService, applyDelService, planAddService, planDelService, type ServiceScope } from './services.js';
import type { Registry } from '@netmigrate/registry';

export interface SectionRunOptions extends InfSetOptions {
  registry: Registry;
  hkr?: string | undefined;
  recordChanges?: boolean | undefined;
  /** Key path of the SCM database (default `HKLM\SYSTEM\CurrentControlSet\Services`). */
  servicesKey?: string | undefined;
  /** Also run `<section>.Services` when it exists, as InstallHinfSection does (default true). */
  servicesSection?: boolean | undefined;
}

/** `install`: a section given to SetupInstallFromInfSection; `services`: one given to SetupInstallServicesFromInfSection. */
type Mode = 'install' | 'services';

const FILE_DIRECTIVES = new Set(['copyfiles', 'delfiles', 'renfiles']);

class Planner {
  readonly steps: (() => void)[] = [];
  private readonly scope: ServiceScope;

  constructor(
    private readonly set: InfSet,
    private readonly sink: Sink,
    private readonly options: SectionRunOptions,
  ) {
    this.scope = { set, servicesKey: options.servicesKey ?? SERVICES_KEY, diagnostics: sink.diagnostics };
  }

  /** `stack`: the sections being planned, outermost first (to find Needs cycles). */
  plan(doc: InfDocument, section: InfSection, mode: Mode, stack: string[]): void {
    const sub = this.set.substituter(doc);
    const lines: Record<'include' | 'needs' | 'delreg' | 'addreg' | 'addservice' | 'delservice', InfLine[]> = {
      include: [],
      needs: [],
      delreg: [],
      addreg: [],
      addservice: [],
      delservice: [],
    };
    // Every line is classified first, so a refused directive anywhere stops the run before Include opens a file.
    for (const line of section.lines()) {
      const key = line.key === null || line.implicitKey ? null : sub.substitute(line.key).trim();
      const folded = key?.toLowerCase();
      const refuse = (reason?: string): never => {
        const pos = fieldPosition(doc, line, -1);
        throw new UnsupportedDirectiveError(key ?? line.raw.trim(), section.name, doc.file, line.line, pos.column, reason);
      };
      switch (folded) {
        case 'include':
        case 'needs':
        case 'addservice':
        case 'delservice':
          lines[folded].push(line);
          break;
        case 'addreg':
        case 'delreg':
          if (mode === 'services') refuse('<section>.Services and the sections it needs are run by SetupInstallServicesFromInfSection, which reads only AddService, DelService, Include and Needs');
          lines[folded].push(line);
          break;
        default:
          if (folded !== undefined && FILE_DIRECTIVES.has(folded)) refuse('file operations are not performed: they cannot be rolled back with the registry');
          refuse();
      }
    }

    for (const line of lines.include) this.set.include(doc, section.name, line);
    const here = `${this.set.docs.indexOf(doc)}:${section.name.toLowerCase()}`;
    for (const line of lines.needs) {
      line.fields.forEach((raw, i) => {
        const name = sub.substitute(raw).trim();
        if (name === '') return;
        const fail = (code: 'needs-section-not-found' | 'needs-cycle', detail: string): never => {
          const pos = fieldPosition(doc, line, i);
          throw new InstallError(code, section.name, doc.file, pos.line, pos.column, detail);
        };
        const found = this.set.find(name);
        if (!found) return fail('needs-section-not-found', `Needs=${name}: section [${name}] is in none of the INFs${this.set.docs.length > 1 ? '' : ' (is an Include= missing?)'}`);
        const id = `${this.set.docs.indexOf(found.doc)}:${found.section.name.toLowerCase()}`;
        if (id === here || stack.includes(id)) fail('needs-cycle', `Needs=${name}: [${found.section.name}] is already being installed (Needs cycle)`);
        this.plan(found.doc, found.section, mode, [...stack, here]);
      });
    }

    if (lines.delreg.length + lines.addreg.length > 0) {
      const directives = { doc, section: section.name, delReg: lines.delreg, addReg: lines.addreg };
      this.steps.push(() => runRegistryDirectives(this.set, this.sink, this.options.hkr, directives));
    }
    // SetupInstallServicesFromInfSection: every AddService line, then every DelService line.
    const servicesKey = this.scope.servicesKey;
    for (const line of lines.addservice) {
      const p = planAddService(this.scope, doc, section.name, line);
      if (p) this.steps.push(() => applyAddService(this.set, this.sink, servicesKey, p));
    }
    for (const line of lines.delservice) {
      const p = planDelService(this.scope, doc, section.name, line);
      this.steps.push(() => applyDelService(this.sink, servicesKey, p));
    }
  }
}

export function runSection(doc: InfDocument, sectionName: string, options: SectionRunOptions): { changes: Change[]; diagnostics: SetupDiagnostic[] } {
  const section = doc.section(sectionName);
  if (!section) throw new SectionNotFoundError(sectionName, doc.file);
  const set = new InfSet(doc, options);
  const sink: Sink = { registry: options.registry, changes: [], diagnostics: [], recordChanges: options.recordChanges };
  const planner = new Planner(set, sink, options);
  planner.plan(doc, section, 'install', []);
  if (options.servicesSection !== false) {
    const services = set.find(`${section.name}.Services`);
    if (services) planner.plan(services.doc, services.section, 'services', []);
  }
  for (const step of planner.steps) step();
  // recordChanges false: the few AddService / DelService records are dropped too.
  return { changes: options.recordChanges === false ? [] : sink.changes, diagnostics: sink.diagnostics };
}
