// Uses tsyringe's @singleton, which registers into the global container at import time.
import 'reflect-metadata';
import { singleton } from 'tsyringe';
import { DoPreUpgradeProcessing, MigrationPlugin, PreUpgradeInitialize } from '@netmigrate/core';

export class SingletonPlugin {
  init() {}
  pre() {}
}

PreUpgradeInitialize()(SingletonPlugin.prototype, 'init');
DoPreUpgradeProcessing()(SingletonPlugin.prototype, 'pre');
singleton()(SingletonPlugin);
MigrationPlugin({ name: '@test/singleton', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Acme' } })(SingletonPlugin);
