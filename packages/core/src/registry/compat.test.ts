import { Registry, RegValue, type RegistryKeyView as RegistryPackageKeyView } from '@netmigrate/registry';
import { describe, expect, it } from 'vitest';
import { InProcessPluginHost } from '../sandbox/in-process-host.js';
import { NT4_TO_2000, tempDir, testPlugin } from '../test-support/fixtures.js';
import { component } from '../test-support/registry.js';
import { keyAtPath, treeFromView, viewFromTree } from './tree.js';
import type { RegistryKeyView } from './view.js';

// Compile-time: a @netmigrate/registry key view is a core RegistryKeyView, so the engine can
// hand the registry package's snapshots to everything in core that takes one.
const asCoreView = (view: RegistryPackageKeyView): RegistryKeyView => view;

function nt4Registry() {
  const registry = new Registry();
  const params = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Isdn01\\Parameters';
  registry.createKey(params);
  registry.setValue(params, RegValue.sz('IsdnPhoneNumber', '444-4444'));
  registry.setValue(params, RegValue.dword('IsdnSwitchType', 2));
  registry.setValue(params, RegValue.multiSz('Spids', ['111', '222']));
  registry.setValue(params, RegValue.expandSz('Path', '%SystemRoot%\\isdn'));
  registry.setValue(params, RegValue.binary('Blob', new Uint8Array([0xde, 0xad])));
  registry.setValue(params, RegValue.qword('Big', 1n << 40n));
  return registry.snapshot();
}

describe('@netmigrate/registry compatibility', () => {
  it('copies a registry-package snapshot into plain data and reads it back the same', () => {
    const original = nt4Registry().key('HKEY_LOCAL_MACHINE');
    if (original === undefined) throw new Error('no HKEY_LOCAL_MACHINE');
    const copy = viewFromTree(treeFromView(asCoreView(original)));
    const path = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Isdn01\\Parameters';
    const [a, b] = [keyAtPath(asCoreView(original), path), keyAtPath(copy, path)];
    expect(b?.path).toBe(a?.path);
    const read = (k: RegistryKeyView | undefined) => ({
      phone: k?.value('IsdnPhoneNumber')?.asString(),
      switchType: k?.value('IsdnSwitchType')?.asDword(),
      spids: k?.value('Spids')?.asMultiString(),
      path: k?.value('Path')?.asExpandString(),
      blob: k?.value('Blob')?.asBinary(),
      big: k?.value('Big')?.asQword(),
      raw: k?.values().map((v) => [v.name, v.type, [...v.data]]),
    });
    expect(read(b)).toEqual(read(a));
    expect(read(b).spids).toEqual(['111', '222']);
  });

  it('runs a plugin against a registry-package snapshot', async () => {
    const root = nt4Registry().key('HKEY_LOCAL_MACHINE');
    if (root === undefined) throw new Error('no HKEY_LOCAL_MACHINE');
    const host = new InProcessPluginHost();
    await host.start(testPlugin('isdn.mjs'), { workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: true, registry: treeFromView(root) });
    const out = await host.call({ hook: 'DoPreUpgradeProcessing', component: component('Isdn01'), sections: { taken: [], owned: [] } });
    await host.stop();
    expect(out.ops.slice(-2).map((op) => (op.kind === 'addLine' ? op.line : ''))).toEqual([
      'HKR,0\\0,IsdnPhoneNumber,0,"444-4444"',
      'HKR,0,IsdnSwitchType,0x00010001,2',
    ]);
  });
});
