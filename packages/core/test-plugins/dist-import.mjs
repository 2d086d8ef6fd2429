// Imports core's tsc output by path instead of `@netmigrate/core`, so inside a sandbox child
// running the bundle it holds a second copy of core: its decorators, tokens and @inject must
// still reach the child's loader (Symbol.for records; one reflect-metadata and tsyringe).
import { DoPreUpgradeProcessing, inject, Log, MigrationPlugin, PreUpgradeInitialize, WorkingDir } from '../dist/index.js';

export class DistImportPlugin {
  constructor(log, workingDir) {
    this.log = log;
    this.workingDir = workingDir;
  }

  init() {
    this.log.info('injected', { workingDir: this.workingDir });
  }

  pre(component, answer) {
    answer.addSection(component.sectionName);
    answer.addLine(component.sectionName, `Instance=${component.preNT5Instance}`);
  }
}

[Log, WorkingDir].forEach((token, i) => inject(token)(DistImportPlugin, undefined, i));
PreUpgradeInitialize()(DistImportPlugin.prototype, 'init');
DoPreUpgradeProcessing()(DistImportPlugin.prototype, 'pre');
MigrationPlugin({ name: '@test/dist-import', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Acme' } })(DistImportPlugin);
