// Declares its netmigrate.ini settings with a zod 4 schema.
import { z } from 'zod';
import { DoPreUpgradeProcessing, inject, MigrationPlugin, PluginOptions, PreUpgradeInitialize } from '@netmigrate/core';

export class OptionsPlugin {
  constructor(options) {
    this.options = options;
  }

  init() {
    return { vendorInfo: { companyName: 'Acme', instructionsToUser: `prefix ${this.options.phonePrefix}, retries ${this.options.retries}` } };
  }

  pre() {}
}

inject(PluginOptions)(OptionsPlugin, undefined, 0);
PreUpgradeInitialize()(OptionsPlugin.prototype, 'init');
DoPreUpgradeProcessing()(OptionsPlugin.prototype, 'pre');
MigrationPlugin({
  name: '@acme/netmigrate-options',
  version: '1.0.0',
  apiVersion: '^1',
  vendor: { companyName: 'Acme' },
  options: z.object({
    phonePrefix: z.string().regex(/^\+?[0-9 ]*$/, 'digits only').default(''),
    retries: z.coerce.number().int().min(0).max(9).default(1),
  }).strict(),
})(OptionsPlugin);
