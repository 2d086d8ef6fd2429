import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PluginLoadError } from '../contract/errors.js';
import { ENGINE_TOKENS } from '../contract/tokens.js';
import { container } from '../di.js';
import { globalRegistrations, loadOptions, NT4_TO_2000, tempDir, testPlugin, writeTempPlugin } from '../test-support/fixtures.js';
import { loadPlugin, readPluginManifest } from './load.js';

async function refusal(run: () => Promise<unknown>): Promise<PluginLoadError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof PluginLoadError) return e;
    throw e;
  }
  throw new Error('expected a PluginLoadError');
}

const PLUGIN_BOILERPLATE = `
export class P {
  init() {}
  pre() {}
}
core.PreUpgradeInitialize()(P.prototype, 'init');
core.DoPreUpgradeProcessing()(P.prototype, 'pre');`;
const manifestFor = (name: string) => `core.MigrationPlugin({ name: '${name}', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'Acme' } })(P);`;

describe('loadPlugin', () => {
  it('instantiates the plugin with the engine tokens and calls its hooks', async () => {
    const options = loadOptions();
    const plugin = await loadPlugin(testPlugin('isdn.mjs'), options);
    expect(plugin.label).toBe('"@acme/netmigrate-isdn"');
    expect(plugin.description.postUpgrade).toBe(true);
    expect(options.logs).toEqual([{ level: 'info', message: 'constructed', data: { workingDir: options.workingDir, unattended: true } }]);
    const result = await plugin.invoke('PreUpgradeInitialize', { workingDir: options.workingDir, upgradeInfo: NT4_TO_2000, unattended: true });
    expect(result).toEqual({ servicesNotToBeDeleted: ['AcmeIsdnSvc'] });
    await expect(plugin.invoke('DoPostUpgradeProcessing', { params: { setValue: () => undefined } })).resolves.toBeUndefined();
    await plugin.unload();
  });

  it('builds a fresh instance in a fresh child container per run and leaves the global container empty', async () => {
    const before = await globalRegistrations();
    const a = await loadPlugin(testPlugin('isdn.mjs'), loadOptions({ workingDir: tempDir() }));
    const b = await loadPlugin(testPlugin('isdn.mjs'), loadOptions({ workingDir: tempDir() }));
    await a.invoke('PreUpgradeInitialize', { workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: true });
    expect(await globalRegistrations()).toEqual(before);
    expect(before).toEqual([]);
    for (const token of ENGINE_TOKENS) expect(container.isRegistered(token, true)).toBe(false);
    await Promise.all([a.unload(), b.unload()]);
  });

  it('validates options with the plugin schema and injects what the schema produced', async () => {
    const defaults = await loadPlugin(testPlugin('options.mjs'), loadOptions());
    expect(await defaults.invoke('PreUpgradeInitialize', {})).toEqual({ vendorInfo: { companyName: 'Acme', instructionsToUser: 'prefix , retries 1' } });
    const given = await loadPlugin(testPlugin('options.mjs'), loadOptions({ options: { phonePrefix: '+49', retries: '3' } }));
    expect(await given.invoke('PreUpgradeInitialize', {})).toEqual({ vendorInfo: { companyName: 'Acme', instructionsToUser: 'prefix +49, retries 3' } });
  });

  it('refuses bad options naming the plugin and the key', async () => {
    const e = await refusal(() => loadPlugin(testPlugin('options.mjs'), loadOptions({ options: { phonePrefix: 'abc', retries: 12 } })));
    expect(e.plugin).toBe('"@acme/netmigrate-options"');
    expect(e.problem).toMatch(/^invalid options — option "phonePrefix": digits only; option "retries": Too big/);
    expect(e.fix).toBe('correct option "phonePrefix" in the plugin\'s section of netmigrate.ini (the plugin\'s documentation lists its options)');
  });

  it('refuses an option the schema does not know', async () => {
    const e = await refusal(() => loadPlugin(testPlugin('options.mjs'), loadOptions({ options: { phonePrefx: '1' } })));
    expect(e.problem).toMatch(/phonePrefx/);
  });

  it('refuses options for a plugin that declares none', async () => {
    const e = await refusal(() => loadPlugin(testPlugin('isdn.mjs'), loadOptions({ options: { retries: '1' } })));
    expect(e.message).toBe('plugin "@acme/netmigrate-isdn": option "retries" is set, but the plugin declares no options. Fix: remove "retries" from the plugin\'s section of netmigrate.ini');
  });

  it.each([
    ['singleton.mjs', '@test/singleton', '@singleton (registered SingletonPlugin)'],
    ['registry-decorator.mjs', '@test/registry-decorator', '@registry or @injectable({ token }) (registered "AcmeConfig")'],
  ])('refuses %s and keeps the global container empty', async (file, name, decorator) => {
    const e = await refusal(() => loadPlugin(testPlugin(file), loadOptions()));
    expect(e.message).toBe(
      `plugin "${name}": its module registers into tsyringe's global container: ${decorator}. Fix: remove the decorator; the engine registers the plugin in a fresh child container per run and hands it values through @inject(TOKEN)`,
    );
    expect(await globalRegistrations()).toEqual([]);
    // A second load of the already-evaluated module is refused the same way.
    expect((await refusal(() => readPluginManifest({ module: testPlugin(file) }))).problem).toBe(e.problem);
  });

  it('refuses a module that throws while it is evaluated', async () => {
    const e = await refusal(() => loadPlugin(testPlugin('throws-on-import.mjs'), loadOptions()));
    expect(e.plugin).toBe(testPlugin('throws-on-import.mjs'));
    expect(e.problem).toBe('importing the module failed: cannot find the vendor runtime');
    expect(e.fix).toBe('fix the error in the plugin module (it is evaluated before any hook runs)');
  });

  it('refuses a missing module file and an unknown package', async () => {
    const dir = tempDir();
    const missing = await refusal(() => loadPlugin('./nope.mjs', loadOptions({ resolveFrom: dir })));
    expect(missing.problem).toBe(`the module file ${join(dir, 'nope.mjs')} does not exist`);
    const unknown = await refusal(() => loadPlugin('@acme/not-installed', loadOptions({ resolveFrom: dir })));
    expect(unknown.plugin).toBe('@acme/not-installed');
    expect(unknown.problem).toMatch(new RegExp(`^the package cannot be found from ${dir}`));
    expect(unknown.fix).toBe(`install the plugin package where it can be resolved from ${dir}, or name its module file`);
  });

  it('resolves a plugin by package name from resolveFrom', async () => {
    // Linked into node_modules the way pnpm links a workspace package.
    const dir = tempDir();
    const pkg = join(dir, 'acme-isdn');
    mkdirSync(pkg);
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@acme/netmigrate-isdn', type: 'module', exports: './index.mjs' }));
    writeFileSync(join(pkg, 'index.mjs'), `export { default } from ${JSON.stringify(pathToFileURL(testPlugin('isdn.mjs')).href)};`);
    mkdirSync(join(dir, 'node_modules', '@acme'), { recursive: true });
    symlinkSync(pkg, join(dir, 'node_modules', '@acme', 'netmigrate-isdn'), 'dir');
    const plugin = await loadPlugin('@acme/netmigrate-isdn', loadOptions({ resolveFrom: dir }));
    expect(plugin.description.name).toBe('@acme/netmigrate-isdn');
  });

  it('refuses a constructor that asks for a token the engine does not provide', async () => {
    const file = writeTempPlugin(tempDir(), 'other-token.mjs', `${PLUGIN_BOILERPLATE}
core.inject(Symbol.for('acme:Database'))(P, undefined, 0);
${manifestFor('@test/other-token')}`);
    const e = await refusal(() => loadPlugin(file, loadOptions()));
    expect(e.message).toBe(
      "plugin \"@test/other-token\": parameter #1 of P's constructor asks for acme:Database, which the engine does not provide. Fix: inject one of Log, WorkingDir, PluginOptions, UpgradeInfo, Unattended (exported by @netmigrate/core), or mark it @inject(TOKEN, { isOptional: true })",
    );
  });

  it('passes undefined for an optional token the engine does not provide', async () => {
    const file = writeTempPlugin(tempDir(), 'optional-token.mjs', `
export class P {
  constructor(extra, log) { this.extra = extra; this.log = log; }
  init() { return { vendorInfo: { companyName: String(this.extra) + ' ' + typeof this.log.info } }; }
  pre() {}
}
core.PreUpgradeInitialize()(P.prototype, 'init');
core.DoPreUpgradeProcessing()(P.prototype, 'pre');
core.inject(Symbol.for('acme:Extra'), { isOptional: true })(P, undefined, 0);
core.inject(core.Log)(P, undefined, 1);
${manifestFor('@test/optional-token')}`);
    const plugin = await loadPlugin(file, loadOptions());
    expect(await plugin.invoke('PreUpgradeInitialize', {})).toEqual({ vendorInfo: { companyName: 'undefined function' } });
  });

  it('refuses a constructor that throws', async () => {
    const file = writeTempPlugin(tempDir(), 'ctor-throws.mjs', `
export class P { constructor() { throw new Error('license file missing'); } init() {} pre() {} }
core.PreUpgradeInitialize()(P.prototype, 'init');
core.DoPreUpgradeProcessing()(P.prototype, 'pre');
${manifestFor('@test/ctor-throws')}`);
    const e = await refusal(() => loadPlugin(file, loadOptions()));
    expect(e.message).toBe('plugin "@test/ctor-throws": the constructor of P threw: license file missing. Fix: make the constructor only store what it is given; do work in PreUpgradeInitialize');
  });

  it('refuses to invoke a hook the plugin does not have', async () => {
    const plugin = await loadPlugin(testPlugin('options.mjs'), loadOptions());
    await expect(plugin.invoke('PostUpgradeInitialize', {})).rejects.toThrow('plugin "@acme/netmigrate-options" has no PostUpgradeInitialize hook');
  });
});

describe('readPluginManifest', () => {
  it('describes a plugin without constructing it or running a hook', async () => {
    const dir = tempDir();
    writeTempPlugin(dir, 'observed.mjs', `
export class P { constructor() { globalThis.__netmigrateConstructed = true; } init() {} pre() {} }
core.PreUpgradeInitialize()(P.prototype, 'init');
core.DoPreUpgradeProcessing()(P.prototype, 'pre');
${manifestFor('@test/observed')}`);
    const description = await readPluginManifest({ module: './observed.mjs', resolveFrom: dir });
    expect(description).toMatchObject({ name: '@test/observed', className: 'P', postUpgrade: false, hasOptions: false });
    expect((globalThis as Record<string, unknown>).__netmigrateConstructed).toBeUndefined();
  });

  it('reports a module with no plugin', async () => {
    const e = await refusal(() => readPluginManifest({ module: testPlugin('no-plugin.mjs') }));
    expect(e.problem).toBe('the module exports no class decorated with @MigrationPlugin');
  });
});
