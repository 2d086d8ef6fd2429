#!/usr/bin/env node
// Runs two plugins' Winnt32 phase in the sandbox against a small NT 4.0 registry and prints
// the answer-file draft and the compatibility report. Build first: tsc -b packages/core (and
// node packages/core/scripts/bundle-child.mjs for the faster one-file sandbox child)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NT40, PRODUCT_TYPE, REG, runPluginPreUpgrade, SandboxedPluginHost, WINDOWS_2000 } from '../dist/index.js';

const plugins = fileURLToPath(new URL('../test-plugins/', import.meta.url));
const sz = (name, text) => ({ name, type: REG.SZ, data: new Uint8Array(Buffer.from(`${text}\0`, 'utf16le')) });
const dword = (name, n) => ({ name, type: REG.DWORD, data: new Uint8Array(new Uint32Array([n]).buffer) });
const service = (name, values) => ({ name, values: [], subkeys: [{ name: 'Parameters', values, subkeys: [] }] });
const registry = {
  name: 'HKEY_LOCAL_MACHINE', values: [], subkeys: [{ name: 'SYSTEM', values: [], subkeys: [{ name: 'CurrentControlSet', values: [], subkeys: [{
    name: 'Services', values: [], subkeys: [
      service('AcmeIsdn1', [sz('IsdnPhoneNumber', '111-1111'), dword('IsdnSwitchType', 1)]),
      service('Looper1', [sz('Behaviour', 'loop')]),
      service('Fine2', [sz('Behaviour', 'ok')]),
    ],
  }] }] }],
};
const component = (instance, id) => ({
  paramsKeyPath: `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\${instance}\\Parameters`,
  preNT5InfId: instance.toUpperCase(), preNT5Instance: instance, nt5InfId: id, sectionName: `params.${id}.OemSection`,
});

// The engine's draft: its own sections first, then what the plugins staged.
const sections = new Map([['NetAdapters', ['adapter2=params.adapter2']], ['params.adapter2', ['InfID=adapter2', 'OemSection=params.adapter2.OemSection']]]);
const sink = {
  sectionNames: () => [...sections.keys()],
  stage(_component, ops) {
    for (const op of ops) {
      if (op.kind === 'addSection') sections.set(op.name, []);
      else sections.get(op.section)?.push(op.line);
    }
  },
};
const upgradeInfo = { from: { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: NT40 }, to: { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: WINDOWS_2000 } };

for (const [module, components] of [
  [join(plugins, 'isdn.mjs'), [component('AcmeIsdn1', 'adapter2')]],
  [join(plugins, 'chaos.mjs'), [component('Looper1', 'looper'), component('Fine2', 'fine')]],
]) {
  const workingDir = mkdtempSync(join(tmpdir(), 'oem-'));
  const report = await runPluginPreUpgrade({
    host: new SandboxedPluginHost({ hookTimeoutMs: 1000 }),
    module,
    start: { workingDir, upgradeInfo, unattended: true, registry },
    components,
    sink,
  });
  for (const c of report.components) {
    console.log(`${report.plugin} ${c.component.preNT5Instance}: ${c.status}${c.failure ? ` — ${c.failure.message}` : ''}`);
  }
}
console.log('');
for (const [name, lines] of sections) console.log(`[${name}]\n${lines.join('\n')}\n`);
