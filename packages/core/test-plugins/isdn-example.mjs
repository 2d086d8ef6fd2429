// The migration DLL behind the documented answer-file example (spec §8.4): an ISDN adapter
// whose NT4 parameters hold one subkey per line and, below it, one per B channel. It writes
// the OEM section, a section to run after install and its AddReg section, named after the
// component's own key so that two instances never share a section. Options (a hand-written
// Standard Schema): { guiMode: true } returns NUA.LoadPostUpgrade (the second example).
import {
  DoPostUpgradeProcessing, DoPreUpgradeProcessing, inject, MigrationPlugin, NUA, PluginOptions, PostUpgradeInitialize, PreUpgradeInitialize,
} from '@netmigrate/core';

const options = {
  '~standard': {
    version: 1,
    vendor: 'netmigrate-test',
    validate(value) {
      const v = value ?? {};
      const unknown = Object.keys(v).filter((k) => k !== 'guiMode');
      if (unknown.length > 0) return { issues: [{ message: `unknown option ${unknown[0]}`, path: [unknown[0]] }] };
      if (v.guiMode !== undefined && typeof v.guiMode !== 'boolean') return { issues: [{ message: 'guiMode must be true or false', path: ['guiMode'] }] };
      return { value: { guiMode: v.guiMode === true } };
    },
  },
};

const numeric = (keys) => keys.filter((k) => /^\d+$/.test(k.name)).sort((a, b) => Number(a.name) - Number(b.name));
const quote = (s) => `"${s.replace(/"/g, '""')}"`;

export class IsdnExampleMigration {
  constructor(options) {
    this.options = options;
  }

  init() {}

  pre(component, answer) {
    // params.<key>.OemSection → <key>: the first instance's key is the post-upgrade ID.
    const key = component.sectionName.replace(/^params\./i, '').replace(/\.OemSection$/i, '');
    const run = `${key}.SectionToRun`;
    const addReg = `${run}.AddReg`;
    answer.addSection(component.sectionName);
    answer.addLine(component.sectionName, `InfToRunAfterInstall="", ${run}`);
    answer.addSection(run);
    answer.addLine(run, `AddReg=${addReg}`);
    answer.addSection(addReg);
    for (const line of numeric(component.params.subkeys())) {
      const channels = numeric(line.subkeys());
      for (const name of ['IsdnPhoneNumber', 'IsdnSpid']) {
        for (const channel of channels) {
          const value = channel.value(name);
          if (value !== undefined) answer.addLine(addReg, `HKR,${line.name}\\${channel.name},${name},0,${quote(value.asString())}`);
        }
      }
      const switchType = line.value('IsdnSwitchType');
      if (switchType !== undefined) answer.addLine(addReg, `HKR,${line.name},IsdnSwitchType,0x00010001,${switchType.asDword()}`);
    }
    return this.options.guiMode ? { flags: NUA.LoadPostUpgrade } : undefined;
  }

  postInit() {}

  post() {}
}

inject(PluginOptions)(IsdnExampleMigration, undefined, 0);
PreUpgradeInitialize()(IsdnExampleMigration.prototype, 'init');
DoPreUpgradeProcessing()(IsdnExampleMigration.prototype, 'pre');
PostUpgradeInitialize()(IsdnExampleMigration.prototype, 'postInit');
DoPostUpgradeProcessing()(IsdnExampleMigration.prototype, 'post');
MigrationPlugin({
  name: '@test/isdn-example',
  version: '1.0.0',
  apiVersion: '^1',
  vendor: { companyName: 'Example ISDN Inc.', supportNumber: '+1 555 0111', supportUrl: 'https://isdn.example/support', instructionsToUser: 'Check the SPIDs after the upgrade.' },
  options,
})(IsdnExampleMigration);
