// Uses tsyringe's @registry, which registers tokens into the global container at import time.
import 'reflect-metadata';
import { registry } from 'tsyringe';
import { DoPreUpgradeProcessing, MigrationPlugin, PreUpgradeInitialize } from '@netmigrate/core';

export class RegistryPlugin {
  init() {}
  pre() {}
}

PreUpgradeInitialize()(RegistryPlugin.prototype, 'init');
DoPreUpgradeProcessing()(RegistryPlugin.prototype, 'pre');
registry([{ token: 'AcmeConfig', useValue: { port: 1 } }])(RegistryPlugin);
MigrationPlugin({ name: '@test/registry-decorator', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Acme' } })(RegistryPlugin);
