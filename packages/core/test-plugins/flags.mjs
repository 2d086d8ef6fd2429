// Returns whatever pdwFlags its test asks for. DoPreUpgradeProcessing: the component's
// Parameters value Flags (REG_DWORD), after writing a line so a rollback is visible.
// PreUpgradeInitialize: the option initFlags. It has GUI-mode hooks, so LoadPostUpgrade is valid.
import {
  DoPostUpgradeProcessing, DoPreUpgradeProcessing, inject, MigrationPlugin, PluginOptions, PostUpgradeInitialize, PreUpgradeInitialize,
} from '@netmigrate/core';

const options = {
  '~standard': {
    version: 1,
    vendor: 'netmigrate-test',
    validate(value) {
      const v = value ?? {};
      const initFlags = v.initFlags ?? 0;
      if (!Number.isInteger(initFlags)) return { issues: [{ message: 'initFlags must be an integer', path: ['initFlags'] }] };
      return { value: { initFlags, instructions: typeof v.instructions === 'string' ? v.instructions : '' } };
    },
  },
};

export class FlagsPlugin {
  constructor(options) {
    this.options = options;
  }

  init() {
    const vendorInfo = { companyName: 'Flags Ltd.', supportNumber: '+44 20 0000', supportUrl: 'https://flags.example', instructionsToUser: this.options.instructions };
    return { flags: this.options.initFlags, vendorInfo };
  }

  pre(component, answer) {
    answer.addSection(component.sectionName);
    answer.addLine(component.sectionName, `Instance=${component.preNT5Instance}`);
    return { flags: component.params.value('Flags')?.asDword() ?? 0 };
  }

  postInit() {}

  post() {}
}

inject(PluginOptions)(FlagsPlugin, undefined, 0);
PreUpgradeInitialize()(FlagsPlugin.prototype, 'init');
DoPreUpgradeProcessing()(FlagsPlugin.prototype, 'pre');
PostUpgradeInitialize()(FlagsPlugin.prototype, 'postInit');
DoPostUpgradeProcessing()(FlagsPlugin.prototype, 'post');
MigrationPlugin({ name: '@test/flags', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Flags Ltd.' }, options })(FlagsPlugin);
