// Says which @netmigrate/core it imported and whether the objects the sandbox hands it come
// from that same copy: the sandbox child and its plugin must share one core.
import * as core from '@netmigrate/core';
import { DoPreUpgradeProcessing, inject, Log, MigrationPlugin, PreUpgradeInitialize } from '@netmigrate/core';

export class CoreIdentityPlugin {
  constructor(log) {
    this.log = log;
  }

  init() {
    this.log.info('core', { resolved: import.meta.resolve('@netmigrate/core'), main: process.argv[1] ?? '' });
  }

  pre(_component, answer) {
    this.log.info('writer', { sameCore: answer instanceof core.AnswerFileRecorder });
  }
}

inject(Log)(CoreIdentityPlugin, undefined, 0);
PreUpgradeInitialize()(CoreIdentityPlugin.prototype, 'init');
DoPreUpgradeProcessing()(CoreIdentityPlugin.prototype, 'pre');
MigrationPlugin({ name: '@test/core-identity', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Acme' } })(CoreIdentityPlugin);
