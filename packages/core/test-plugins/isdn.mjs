// A well-behaved plugin for an ISDN adapter, after the documented answer-file example.
import { writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DoPostUpgradeProcessing, DoPreUpgradeProcessing, inject, Log, MigrationPlugin, NUA, PluginOptions,
  PostUpgradeInitialize, PreUpgradeInitialize, Unattended, UpgradeInfo, WorkingDir,
} from '@netmigrate/core';

export class AcmeIsdnMigration {
  constructor(log, workingDir, options, upgradeInfo, unattended) {
    this.log = log;
    this.workingDir = workingDir;
    this.options = options;
    this.upgradeInfo = upgradeInfo;
    this.unattended = unattended;
    log.info('constructed', { workingDir, unattended });
  }

  init(ctx) {
    // Allowed: the working directory is the plugin's own.
    appendFileSync(join(ctx.workingDir, 'init-count.txt'), 'x');
    writeFileSync(join(ctx.workingDir, 'upgrade.json'), JSON.stringify(ctx.upgradeInfo));
    this.log.info(`PreUpgradeInitialize from build ${ctx.upgradeInfo.from.buildNumber}`);
    return { servicesNotToBeDeleted: ['AcmeIsdnSvc'] };
  }

  pre(component, answer) {
    const phone = component.params.value('IsdnPhoneNumber')?.asString() ?? '';
    const switchType = component.params.value('IsdnSwitchType')?.asDword() ?? 0;
    const run = `${component.nt5InfId}.SectionToRun`;
    answer.addSection(component.sectionName);
    answer.addLine(component.sectionName, `InfToRunAfterInstall="", ${run}`);
    answer.addSection(run);
    answer.addLine(run, `AddReg=${run}.AddReg`);
    answer.addSection(`${run}.AddReg`);
    answer.addLine(`${run}.AddReg`, `HKR,0\\0,IsdnPhoneNumber,0,"${phone}"`);
    answer.addLine(`${run}.AddReg`, `HKR,0,IsdnSwitchType,0x00010001,${switchType}`);
    console.log(`migrated ${component.preNT5Instance}`);
    return { flags: NUA.LoadPostUpgrade };
  }

  postInit() {}

  post(component) {
    component.params.setValue('Migrated', 4, new Uint8Array([1, 0, 0, 0]));
  }
}

[Log, WorkingDir, PluginOptions, UpgradeInfo, Unattended].forEach((token, i) => inject(token)(AcmeIsdnMigration, undefined, i));
PreUpgradeInitialize()(AcmeIsdnMigration.prototype, 'init');
DoPreUpgradeProcessing()(AcmeIsdnMigration.prototype, 'pre');
PostUpgradeInitialize()(AcmeIsdnMigration.prototype, 'postInit');
DoPostUpgradeProcessing()(AcmeIsdnMigration.prototype, 'post');
MigrationPlugin({
  name: '@acme/netmigrate-isdn',
  version: '2.1.0',
  apiVersion: '^1',
  vendor: {
    companyName: 'Acme Networks',
    supportNumber: '+1 555 0100',
    supportUrl: 'https://acme.example/support',
    instructionsToUser: 'Run the Acme ISDN setup again if the adapter does not come up.',
  },
})(AcmeIsdnMigration);

export default AcmeIsdnMigration;
