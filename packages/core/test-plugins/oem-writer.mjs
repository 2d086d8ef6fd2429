// A plugin that writes exactly what its component's Parameters value Lines says (lines
// separated by "|", "+name" adds a section, "name>line" adds a line): for testing what the
// answer file accepts from plugins, and for generated benchmark plugins.
import { DoPreUpgradeProcessing, MigrationPlugin, PreUpgradeInitialize } from '@netmigrate/core';

export class OemWriterPlugin {
  init() {}

  pre(component, answer) {
    answer.addSection(component.sectionName);
    const script = component.params.value('Lines')?.asString() ?? '';
    for (const step of script.split('|').filter((s) => s !== '')) {
      if (step.startsWith('+')) answer.addSection(step.slice(1));
      else {
        const at = step.indexOf('>');
        const section = at < 0 ? component.sectionName : step.slice(0, at);
        answer.addLine(section === '' ? component.sectionName : section, step.slice(at + 1));
      }
    }
    for (const value of component.params.values()) {
      if (value.name !== 'Lines' && value.type === 4) answer.addLine(component.sectionName, `${value.name}=${value.asDword()}`);
    }
  }
}

PreUpgradeInitialize()(OemWriterPlugin.prototype, 'init');
DoPreUpgradeProcessing()(OemWriterPlugin.prototype, 'pre');
MigrationPlugin({ name: '@test/oem-writer', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Writer Co.' } })(OemWriterPlugin);
