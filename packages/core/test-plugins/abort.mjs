// Asks the user to abort, as the one-to-many mapping procedure does (spec §5.4).
import { DoPreUpgradeProcessing, MigrationPlugin, NUA, PreUpgradeInitialize } from '@netmigrate/core';

export class AbortPlugin {
  init() {
    return { flags: NUA.RequestAbortUpgrade };
  }

  pre() {
    throw new Error('must not run after an abort request');
  }
}

PreUpgradeInitialize()(AbortPlugin.prototype, 'init');
DoPreUpgradeProcessing()(AbortPlugin.prototype, 'pre');
MigrationPlugin({ name: '@test/abort', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Acme' } })(AbortPlugin);
