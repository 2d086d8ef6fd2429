// Intel's migration plugin for the EtherExpress PRO/100B, the smallest one that works: it
// claims each card (its OEM section) so that the card is listed in [NetAdapters] and GUI mode
// installs it; Windows 2000's driver reads its defaults, and the card's TCP/IP settings are
// carried over by the engine's MS_TCPIP sections. Plain JavaScript applies the decorators as
// functions (docs/writing-a-plugin.md).
import { DoPreUpgradeProcessing, MigrationPlugin, PreUpgradeInitialize } from '@netmigrate/core';

export class E100BMigration {
  init() {}

  pre(component, answer) {
    answer.addSection(component.sectionName);
  }
}

PreUpgradeInitialize()(E100BMigration.prototype, 'init');
DoPreUpgradeProcessing()(E100BMigration.prototype, 'pre');
MigrationPlugin({
  name: '@intel/netmigrate-e100b',
  version: '1.0.0',
  apiVersion: '^1',
  vendor: { companyName: 'Intel', supportUrl: 'https://support.intel.example/e100b' },
})(E100BMigration);
