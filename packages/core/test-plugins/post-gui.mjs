// A plugin doing its work in GUI mode. Before the upgrade it copies the card's Parameters
// value `Mode` into its OEM section (Mode=write|throw|loop|escape) and asks for GUI mode;
// in DoPostUpgradeProcessing it reads the mode back from the answer file and acts on it.
import { DoPostUpgradeProcessing, DoPreUpgradeProcessing, MigrationPlugin, NUA, PostUpgradeInitialize, PreUpgradeInitialize } from '@netmigrate/core';

export class PostGui {
  init() {}

  pre(component, answer) {
    answer.addSection(component.sectionName);
    answer.addLine(component.sectionName, `Mode=${component.params.value('Mode')?.asString() ?? 'write'}`);
    answer.addLine(component.sectionName, `Speed=${component.params.value('Speed')?.asDword() ?? 0}`);
    const label = component.params.value('Label')?.asString();
    if (label !== undefined) answer.addLine(component.sectionName, `Label="${label}"`);
    return { flags: NUA.LoadPostUpgrade };
  }

  postInit(ctx) {
    this.workingDir = ctx.workingDir;
    return { vendorInfo: { companyName: 'Post GUI Ltd.', supportNumber: '+1 555 0199', supportUrl: 'https://post.example', instructionsToUser: '' } };
  }

  post(component, answer) {
    const mode = answer.value(component.sectionName, 'Mode');
    if (mode === 'throw') throw new Error(`refusing ${component.preNT5Instance}`);
    if (mode === 'loop') for (;;);
    const p = component.params;
    p.setDword('Speed', Number(answer.value(component.sectionName, 'Speed')));
    p.setString('MigratedFrom', component.preNT5Instance);
    const label = answer.value(component.sectionName, 'Label');
    if (label !== undefined) p.setString('Label', label);
    p.setString('OwnGuid', component.instanceGuidOf(component.preNT5Instance) ?? 'none');
    p.setString('WorkingDir', this.workingDir);
    p.createSubkey('Channels').createSubkey('0').setMultiString('Numbers', ['111', '222']);
    if (mode === 'escape') p.createSubkey('..');
  }
}

PreUpgradeInitialize()(PostGui.prototype, 'init');
DoPreUpgradeProcessing()(PostGui.prototype, 'pre');
PostUpgradeInitialize()(PostGui.prototype, 'postInit');
DoPostUpgradeProcessing()(PostGui.prototype, 'post');
MigrationPlugin({ name: '@test/post-gui', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Post GUI Ltd.' } })(PostGui);
