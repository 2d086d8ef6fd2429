import { describe, expect, it } from 'vitest';
// di.js first: it loads reflect-metadata, without which tsyringe refuses to load.
import { inject } from '../di.js';
import { autoInjectable, injectAll } from 'tsyringe';
import type { AnswerFileWriter } from '../answer/writer.js';
import {
  DoPostUpgradeProcessing, DoPreUpgradeProcessing, MigrationPlugin, PostUpgradeInitialize, PreUpgradeInitialize,
} from '../contract/decorators.js';
import { PluginLoadError } from '../contract/errors.js';
import type { PreUpgradeComponent } from '../contract/hooks.js';
import { Log, WorkingDir, type Logger } from '../contract/tokens.js';
import { manifest } from '../test-support/fixtures.js';
import { inspectPluginModule } from './inspect.js';

function refusal(module: Record<string, unknown>): PluginLoadError {
  try {
    inspectPluginModule(module, './vendor/plugin.mjs', []);
  } catch (e) {
    if (e instanceof PluginLoadError) return e;
    throw e;
  }
  throw new Error('expected the plugin to be refused');
}

/** A plugin class with the required hooks, for tests that break one thing at a time. */
function pluginWith(m: unknown = manifest()) {
  @MigrationPlugin(m as ReturnType<typeof manifest>)
  class Plugin {
    @PreUpgradeInitialize() init() {}
    @DoPreUpgradeProcessing() pre(_c: PreUpgradeComponent, _a: AnswerFileWriter) {}
    /** Undecorated, for tests that decorate it. */
    spare() {}
  }
  return Plugin;
}

describe('inspectPluginModule: a valid plugin', () => {
  it('describes the manifest, hooks and constructor tokens', () => {
    @MigrationPlugin(manifest())
    class Good {
      constructor(@inject(Log) readonly log: Logger, @inject(WorkingDir) readonly dir: string) {}
      @PreUpgradeInitialize() init() {}
      @DoPreUpgradeProcessing() pre() {}
      @PostUpgradeInitialize() postInit() {}
      @DoPostUpgradeProcessing() post() {}
    }
    const inspected = inspectPluginModule({ default: Good, helper: () => 1 }, 'x', []);
    expect(inspected.description).toEqual({
      name: '@acme/netmigrate-test',
      version: '1.0.0',
      apiVersion: '^1',
      vendor: { companyName: 'Acme', supportNumber: '555-0100', supportUrl: 'https://acme.example/support', instructionsToUser: 'Call us.' },
      className: 'Good',
      hasOptions: false,
      postUpgrade: true,
      hooks: { PreUpgradeInitialize: 'init', DoPreUpgradeProcessing: 'pre', PostUpgradeInitialize: 'postInit', DoPostUpgradeProcessing: 'post' },
    });
    expect(inspected.params.map((p) => p.token)).toEqual([Log, WorkingDir]);
  });

  it('finds the class under a named export and accepts the same class exported twice', () => {
    const Plugin = pluginWith();
    expect(inspectPluginModule({ Plugin, default: Plugin }, 'x', []).description.className).toBe('Plugin');
  });

  it('inherits hooks and the constructor from a base class; a subclass hook overrides', () => {
    class Base {
      constructor(@inject(Log) readonly log: Logger) {}
      @PreUpgradeInitialize() baseInit() {}
      @DoPreUpgradeProcessing() basePre() {}
    }
    @MigrationPlugin(manifest())
    class Derived extends Base {
      @DoPreUpgradeProcessing() derivedPre() {}
    }
    const inspected = inspectPluginModule({ Derived }, 'x', []);
    expect(inspected.hooks).toEqual({ PreUpgradeInitialize: 'baseInit', DoPreUpgradeProcessing: 'derivedPre' });
    expect(inspected.params.map((p) => p.token)).toEqual([Log]);
  });

  it('accepts an apiVersion range that admits 1.0.0', () => {
    for (const apiVersion of ['^1', '1.x', '>=1.0.0 <2', '1.0.0', '*']) {
      expect(inspectPluginModule({ P: pluginWith(manifest({ apiVersion })) }, 'x', []).description.apiVersion).toBe(apiVersion);
    }
  });
});

describe('inspectPluginModule: refusals name the plugin, the problem and the fix', () => {
  it('a module without a plugin class', () => {
    const e = refusal({ NotAPlugin: class NotAPlugin {}, value: 3 });
    expect(e.plugin).toBe('./vendor/plugin.mjs');
    expect(e.message).toBe('plugin ./vendor/plugin.mjs: the module exports no class decorated with @MigrationPlugin. Fix: export (default or named) the plugin class and decorate it with @MigrationPlugin({ name, version, apiVersion, vendor })');
  });

  it('a module with two plugin classes', () => {
    const e = refusal({ A: pluginWith(), B: pluginWith() });
    expect(e.problem).toBe('the module exports 2 @MigrationPlugin classes (Plugin, Plugin)');
    expect(e.fix).toMatch(/^export exactly one plugin class per module/);
  });

  it('a class decorated twice', () => {
    const Plugin = pluginWith();
    MigrationPlugin(manifest())(Plugin);
    expect(refusal({ Plugin }).message).toBe('plugin "@acme/netmigrate-test": class Plugin carries @MigrationPlugin 2 times. Fix: keep one @MigrationPlugin with the whole manifest');
  });

  it.each([
    ['PreUpgradeInitialize', 'pre'],
    ['DoPreUpgradeProcessing', 'init'],
  ])('a plugin without @%s', (missing) => {
    @MigrationPlugin(manifest())
    class Partial {
      init() {}
      pre() {}
    }
    if (missing !== 'PreUpgradeInitialize') PreUpgradeInitialize()(Partial.prototype, 'init');
    if (missing !== 'DoPreUpgradeProcessing') DoPreUpgradeProcessing()(Partial.prototype, 'pre');
    const e = refusal({ Partial });
    expect(e.plugin).toBe('"@acme/netmigrate-test"');
    expect(e.problem).toBe(`Partial has no @${missing} method`);
    expect(e.fix).toBe(`add a method decorated with @${missing}(); every plugin needs PreUpgradeInitialize and DoPreUpgradeProcessing`);
  });

  it('two methods for one hook', () => {
    @MigrationPlugin(manifest())
    class Twice {
      @PreUpgradeInitialize() init() {}
      @DoPreUpgradeProcessing() first() {}
      @DoPreUpgradeProcessing() second() {}
    }
    expect(refusal({ Twice }).message).toBe(
      'plugin "@acme/netmigrate-test": Twice has two methods for DoPreUpgradeProcessing: first and second. Fix: decorate exactly one method with @DoPreUpgradeProcessing()',
    );
  });

  it('one method for two hooks', () => {
    @MigrationPlugin(manifest())
    class Both {
      @PreUpgradeInitialize() @DoPreUpgradeProcessing() everything() {}
    }
    const e = refusal({ Both });
    expect(e.problem).toBe('Both.everything is decorated as both DoPreUpgradeProcessing and PreUpgradeInitialize');
    expect(e.fix).toBe('give each hook its own method');
  });

  it.each([
    ['PostUpgradeInitialize', 'DoPostUpgradeProcessing'],
    ['DoPostUpgradeProcessing', 'PostUpgradeInitialize'],
  ])('@%s without @%s', (has, lacks) => {
    const Plugin = pluginWith();
    (has === 'PostUpgradeInitialize' ? PostUpgradeInitialize() : DoPostUpgradeProcessing())(Plugin.prototype, 'spare');
    const e = refusal({ Plugin });
    expect(e.problem).toBe(`Plugin has @${has} but no @${lacks}`);
    expect(e.fix).toBe(`a plugin that takes part in GUI mode needs both post-upgrade hooks: add @${lacks}() or remove @${has}()`);
  });

  it('an apiVersion this engine does not implement', () => {
    expect(refusal({ P: pluginWith(manifest({ apiVersion: '^2' })) }).message).toBe(
      'plugin "@acme/netmigrate-test": it requires engine API ^2, but this engine implements API 1.0.0. Fix: use a release of the plugin built for API 1.0.0 (apiVersion "^1"), or an engine that implements ^2',
    );
  });

  it.each([['banana'], [''], [1]])('an apiVersion that is no range (%j)', (apiVersion) => {
    const e = refusal({ P: pluginWith(manifest({ apiVersion })) });
    expect(e.problem).toBe(`apiVersion ${JSON.stringify(apiVersion)} is not a semver range`);
    expect(e.fix).toBe('declare the engine API versions the plugin supports, e.g. apiVersion: "^1"');
  });

  it('a version that is not semver', () => {
    const e = refusal({ P: pluginWith(manifest({ version: 'v1' })) });
    expect(e.problem).toBe('version "v1" is not a semantic version');
  });

  it.each([[''], ['has space'], [undefined]])('an unusable name (%j)', (name) => {
    const e = refusal({ P: pluginWith(manifest({ name })) });
    expect(e.plugin).toBe('./vendor/plugin.mjs');
    expect(e.problem).toBe(`the manifest name ${JSON.stringify(name)} is not a usable plugin name`);
  });

  it('no manifest, or an unknown manifest field', () => {
    expect(refusal({ P: pluginWith(null) }).problem).toBe('@MigrationPlugin was given no manifest object');
    const e = refusal({ P: pluginWith({ ...manifest(), homepage: 'x' }) });
    expect(e.problem).toBe('the manifest has an unknown field "homepage"');
    expect(e.fix).toBe('use only name, version, apiVersion, vendor, options');
  });

  it.each([
    ['companyName', 255],
    ['supportNumber', 255],
    ['supportUrl', 255],
    ['instructionsToUser', 1023],
  ])('vendor.%s over its VENDORINFO limit', (field, limit) => {
    const vendor = { ...manifest().vendor, [field]: 'x'.repeat(limit + 1) };
    expect(refusal({ P: pluginWith(manifest({ vendor })) }).message).toBe(
      `plugin "@acme/netmigrate-test": manifest vendor.${field} is ${limit + 1} characters long, over VENDORINFO's limit of ${limit}. Fix: shorten vendor.${field} to at most ${limit} characters`,
    );
  });

  it('an options value that is no schema', () => {
    const e = refusal({ P: pluginWith(manifest({ options: { port: 'number' } })) });
    expect(e.problem).toBe('manifest options is not a schema');
    expect(e.fix).toMatch(/Standard Schema such as a zod 4 object schema/);
  });

  it('a constructor parameter without @inject', () => {
    @MigrationPlugin(manifest())
    class Unnamed {
      constructor(@inject(Log) readonly log: Logger, readonly dir: string) {}
      @PreUpgradeInitialize() init() {}
      @DoPreUpgradeProcessing() pre() {}
    }
    expect(refusal({ Unnamed }).message).toBe(
      'plugin "@acme/netmigrate-test": the constructor of Unnamed has 2 parameter(s) but only 1 carry @inject (parameter #2 has none). Fix: name every constructor parameter with @inject(TOKEN), e.g. constructor(@inject(Log) log: Logger); the engine never guesses a parameter from emitted type metadata',
    );
  });

  it('a constructor whose first parameter lacks @inject', () => {
    @MigrationPlugin(manifest())
    class FirstUnnamed {
      constructor(readonly first: string, @inject(Log) readonly log: Logger) {}
      @PreUpgradeInitialize() init() {}
      @DoPreUpgradeProcessing() pre() {}
    }
    expect(refusal({ FirstUnnamed }).problem).toBe('the constructor of FirstUnnamed has 2 parameter(s) but only 1 carry @inject (parameter #1 has none)');
  });

  it('@injectAll', () => {
    @MigrationPlugin(manifest())
    class All {
      constructor(@injectAll(Log) readonly logs: Logger[]) {}
      @PreUpgradeInitialize() init() {}
      @DoPreUpgradeProcessing() pre() {}
    }
    const e = refusal({ All });
    expect(e.problem).toBe("parameter #1 of All's constructor uses @injectAll(Log), but the engine registers one value per token");
    expect(e.fix).toBe('use @inject(Log)');
  });

  it('@autoInjectable applied before @MigrationPlugin (the plugin class is anonymous)', () => {
    @MigrationPlugin(manifest())
    @autoInjectable()
    class Auto {
      constructor(@inject(Log) readonly log?: Logger) {}
      @PreUpgradeInitialize() init() {}
      @DoPreUpgradeProcessing() pre() {}
    }
    const e = refusal({ Auto });
    expect(e.problem).toBe("the @MigrationPlugin class has no name; tsyringe's @autoInjectable replaces a class with an anonymous subclass");
    expect(e.fix).toMatch(/^remove @autoInjectable/);
  });

  it('@autoInjectable applied after @MigrationPlugin (the exported class was replaced)', () => {
    @autoInjectable()
    @MigrationPlugin(manifest())
    class Auto {
      constructor(@inject(Log) readonly log?: Logger) {}
      @PreUpgradeInitialize() init() {}
      @DoPreUpgradeProcessing() pre() {}
    }
    const e = refusal({ Auto });
    expect(e.problem).toMatch(/^the exported class \(anonymous\) is not the class @MigrationPlugin decorated \(Auto\); a decorator applied after it, such as tsyringe's @autoInjectable, replaced the class/);
    expect(e.fix).toBe('remove @autoInjectable, or put @MigrationPlugin on the class the module exports');
  });

  it('a hook decorator on something that is not a method', () => {
    const Plugin = pluginWith();
    PostUpgradeInitialize()(Plugin.prototype, 'missing');
    DoPostUpgradeProcessing()(Plugin.prototype, 'spare');
    expect(refusal({ Plugin }).problem).toBe('@PostUpgradeInitialize is on missing, which is not a method');
  });

  it('global registrations seen while the module was imported', () => {
    const Plugin = pluginWith();
    const e = (() => {
      try {
        inspectPluginModule({ Plugin }, 'x', [{ method: 'registerSingleton', token: Plugin }]);
      } catch (err) {
        return err as PluginLoadError;
      }
      throw new Error('expected a refusal');
    })();
    expect(e.problem).toBe("its module registers into tsyringe's global container: @singleton (registered Plugin)");
    expect(e.fix).toMatch(/^remove the decorator; the engine registers the plugin in a fresh child container per run/);
  });
});
