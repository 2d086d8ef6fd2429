import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../test-support/build.js';
import { PACKAGE_ROOT, tempDir, testPlugin } from '../test-support/fixtures.js';

beforeAll(buildCore, 120_000);

/**
 * The built path: plain Node (no vitest, no `source` condition) imports dist/index.js, which
 * finds its runner next to itself; the plugin resolves @netmigrate/core to dist as well.
 */
const script = (hostClass: string) => `
import { ${hostClass}, REG } from ${JSON.stringify(pathToFileURL(join(PACKAGE_ROOT, 'dist', 'index.js')).href)};
const sz = (name, text) => ({ name, type: REG.SZ, data: new Uint8Array(Buffer.from(text + '\\0', 'utf16le')) });
const registry = { name: 'HKEY_LOCAL_MACHINE', values: [], subkeys: [{ name: 'Isdn01', values: [sz('IsdnPhoneNumber', '333')], subkeys: [] }] };
const host = new ${hostClass}({ hookTimeoutMs: 5000 });
const description = await host.start(${JSON.stringify(testPlugin('isdn.mjs'))}, {
  workingDir: process.argv[1], upgradeInfo: { from: { productType: 1, buildNumber: 1381 }, to: { productType: 1, buildNumber: 2195 } },
  unattended: true, registry,
});
await host.call({ hook: 'PreUpgradeInitialize' });
const out = await host.call({ hook: 'DoPreUpgradeProcessing', sections: { taken: [], owned: [] }, component: {
  paramsKeyPath: 'HKEY_LOCAL_MACHINE\\\\Isdn01', preNT5InfId: 'ISDN', preNT5Instance: 'Isdn01', nt5InfId: 'isdn01', sectionName: 'params.isdn01.OemSection' } });
await host.stop();
console.log(JSON.stringify({ name: description.name, flags: out.result.flags, ops: out.ops.length, phone: out.ops.at(-2).line }));
`;

describe('the built package', () => {
  it.each(['SandboxedPluginHost', 'InProcessPluginHost'])('runs a plugin through %s from dist', (hostClass) => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script(hostClass), tempDir()], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.stderr).toBe('');
    // In process the plugin's console output shares stdout; the report is the last line.
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toEqual({ name: '@acme/netmigrate-isdn', flags: 1, ops: 7, phone: 'HKR,0\\0,IsdnPhoneNumber,0,"333"' });
  });

  it('runs the README example', () => {
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'examples', 'sandbox-demo.mjs')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('"@acme/netmigrate-isdn" AcmeIsdn1: upgraded\n');
    expect(r.stdout).toContain('"@test/chaos" Looper1: failed — plugin "@test/chaos", hook DoPreUpgradeProcessing, component Looper1: the hook did not finish within 1000 ms');
    expect(r.stdout).toContain('"@test/chaos" Fine2: upgraded\n');
    expect(r.stdout).toContain('[adapter2.SectionToRun.AddReg]\nHKR,0\\0,IsdnPhoneNumber,0,"111-1111"\nHKR,0,IsdnSwitchType,0x00010001,1\n');
    expect(r.stdout).not.toContain('params.looper.OemSection');
  });
});
