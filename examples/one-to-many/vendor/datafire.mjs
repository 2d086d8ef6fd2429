// DigiBoard's migration plugin for the DataFire boards (this example's "migration DLL"): it
// claims each board, so that the board is listed in [NetAdapters] under the post-upgrade ID its
// BoardType mapped to, and Windows 2000 installs it with that ID's defaults.
import { DoPreUpgradeProcessing, MigrationPlugin, PreUpgradeInitialize } from '@netmigrate/core';

export class DataFireMigration {
  init() {}

  pre(component, answer) {
    answer.addSection(component.sectionName);
  }
}

PreUpgradeInitialize()(DataFireMigration.prototype, 'init');
DoPreUpgradeProcessing()(DataFireMigration.prototype, 'pre');
MigrationPlugin({
  name: '@digi/netmigrate-datafire',
  version: '1.0.0',
  apiVersion: '^1',
  vendor: { companyName: 'DigiBoard', supportUrl: 'https://support.digi.example/datafire' },
})(DataFireMigration);
