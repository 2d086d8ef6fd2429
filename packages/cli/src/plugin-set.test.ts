import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parsePluginSet, PluginSetError, pluginSpecs } from './plugin-set.js';

const DIR = '/rollout';

function problems(text: string): string {
  try {
    parsePluginSet(text, 'netmigrate.ini', DIR);
  } catch (e) {
    if (e instanceof PluginSetError) return e.message;
    throw e;
  }
  throw new Error('expected a PluginSetError');
}

describe('netmigrate.ini', () => {
  test('the documented example: both header forms, paths from the file\'s directory, options typed by ini', () => {
    const set = parsePluginSet(
      [
        '; the plugins of this rollout',
        '[plugin "tern-isdn"]',
        'module  = ../plugins/tern-isdn.mjs',
        'enabled = true',
        '',
        '[plugin "meri.net"]',
        'module  = @meridian/netmigrate-merinet     ; a package',
        'netmap  = vendors/meridian',
        'options.removeHelperDriver = true',
        'options.limits.retries = 3',
        'options.numbers[] = 1',
        'options.numbers[] = 2',
        'options.label = "a ; b"',
        '',
        '[larkmon]',
        'module = vendors/larkspur/larkmon.mjs',
        'enabled = false',
      ].join('\r\n'),
      'netmigrate.ini',
      DIR,
    );
    expect(set.plugins).toEqual([
      { name: 'tern-isdn', section: '[plugin "tern-isdn"]', line: 2, module: '../plugins/tern-isdn.mjs', enabled: true, options: {} },
      {
        name: 'meri.net',
        section: '[plugin "meri.net"]',
        line: 6,
        module: '@meridian/netmigrate-merinet',
        netmapDir: '/rollout/vendors/meridian',
        enabled: true,
        options: { removeHelperDriver: true, limits: { retries: '3' }, numbers: ['1', '2'], label: 'a ; b' },
      },
      { name: 'larkmon', section: '[larkmon]', line: 15, module: './vendors/larkspur/larkmon.mjs', enabled: false, options: {} },
    ]);
    // The engine gets the enabled ones, in file order, resolved from the file's directory.
    expect(pluginSpecs(set).map((p) => [p.ref.module, p.ref.resolveFrom, p.netmapDir])).toEqual([
      ['../plugins/tern-isdn.mjs', DIR, undefined],
      ['@meridian/netmigrate-merinet', DIR, '/rollout/vendors/meridian'],
    ]);
  });

  test('every problem names file:line:col, the section and the key', () => {
    expect(problems('[plugin "a"]\nmodule = a.mjs\nmodul = b.mjs\n')).toBe(
      'netmigrate.ini:3:1: [plugin "a"] modul: unknown key (known: module, netmap, enabled, options.<key>)',
    );
    expect(problems('[plugin "a"]\nnetmap = x\n')).toBe('netmigrate.ini:1:1: [plugin "a"]: no module = … (the plugin module path or package name)');
    expect(problems('[a]\nmodule = a.mjs\n  enabled = yes\n')).toBe('netmigrate.ini:3:13: [a] enabled: "yes" is not true or false');
    expect(problems('[a]\nmodule =\n')).toBe('netmigrate.ini:2:1: [a] module: needs a value (the plugin module path or package name)');
    expect(problems('module = a.mjs\n[a]\nmodule = a.mjs\n')).toBe('netmigrate.ini:1:1: module: key outside a plugin section; put it under a [plugin "<name>"] header');
    expect(problems('[a]\nmodule = a.mjs\n[a]\nmodule = b.mjs\n')).toBe('netmigrate.ini:3:1: [a]: the plugin is named again (first at line 1); give each plugin one section');
    expect(problems('[plugin "a"\nmodule = a.mjs\n')).toContain('netmigrate.ini:1:1: "[plugin \\"a\\"" is not a section header');
    expect(problems('[a]\nmodule = a.mjs\nenabled\n')).toBe('netmigrate.ini:3:1: [a]: "enabled" is not key = value');
    expect(problems('[a]\nmodule = a.mjs\noptions.x = 1\noptions.x.y = 2\n')).toBe('netmigrate.ini:4:1: [a] options.x.y: option "x" is given both as a value and as a group of options');
    expect(problems('[a]\nmodule = a.mjs\nenabled = false\n')).toBe('netmigrate.ini: no enabled plugin; set enabled = true on one');
    expect(problems('; nothing\n')).toBe('netmigrate.ini: no plugin section; add [plugin "<name>"] with module = …');
  });

  test('all problems of a file are listed, in order', () => {
    expect(problems('[a]\nfoo = 1\n[b]\nmodule = b.mjs\nenabled = maybe\n').split('\n')).toEqual([
      'netmigrate.ini:2:1: [a] foo: unknown key (known: module, netmap, enabled, options.<key>)',
      'netmigrate.ini:1:1: [a]: no module = … (the plugin module path or package name)',
      'netmigrate.ini:5:11: [b] enabled: "maybe" is not true or false',
    ]);
  });

  test('any option name and string value round-trips (the key is never mistaken for another one)', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/);
    const value = fc.stringMatching(/^[A-Za-z0-9 _\-+/:@]{0,20}$/).map((s) => s.trim()).filter((s) => s !== 'true' && s !== 'false' && s !== 'null');
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 6 }), (options) => {
        const text = ['[plugin "p"]', 'module = ./p.mjs', ...Object.entries(options).map(([k, v]) => `options.${k} = ${v}`)].join('\n');
        const [entry] = parsePluginSet(text, 'n.ini', DIR).plugins;
        expect(entry?.options).toEqual(options);
      }),
    );
  });
});
