import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InfSyntaxError } from '@netmigrate/inf';
import { Registry } from '@netmigrate/registry';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { LogEntry } from '../../contract/tokens.js';
import { applyRegistryOps, type RegistryWriteOp } from '../../registry/ops.js';
import { fillRegistry, initialTree, PARAMS_PATH, replay, scriptStep, toArg } from '../../registry/test-support/writable.js';
import type { RegistryTreeData, RegistryValueData } from '../../registry/tree.js';
import type { WritableRegistryKey } from '../../registry/view.js';
import { writableKeyFromTree } from '../../registry/writable.js';
import { NT4_TO_2000, tempDir, testPlugin } from '../../test-support/fixtures.js';
import { key, sz } from '../../test-support/registry.js';
import { PluginHookFailure } from '../failures.js';
import type { PostComponentRef, PostUpgradeCall } from '../hook-call.js';
import type { HostLimits, HostStartOptions, PluginHost } from '../host.js';

export const GUID = '{5C0D1E0A-1234-4ABC-8DEF-0123456789AB}';

export const ANSWER = [
  '[NetAdapters]',
  'Adapter2=params.Adapter2',
  '',
  '[params.Adapter2]',
  'InfID=isdn2',
  'OemSection=params.Adapter2.OemSection',
  'Phone="111-1111"',
  'Spid = 111 ; first B channel',
  '',
  '[params.Adapter2.OemSection]',
  'InfToRunAfterInstall="", isdn2.SectionToRun',
  '',
].join('\r\n');

export function postStart(extra: Partial<HostStartOptions> = {}): HostStartOptions {
  // No registry: GUI mode ships each component's key with its call.
  return { workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: true, answerFileText: ANSWER, ...extra };
}

export function postParams(behaviour: string, values: RegistryValueData[] = [], subkeys: RegistryTreeData[] = []): RegistryTreeData {
  return key('0007', [sz('Behaviour', behaviour), ...values], subkeys);
}

export function postCall(params: RegistryTreeData, component: Partial<PostComponentRef> = {}): Extract<PostUpgradeCall, { hook: 'DoPostUpgradeProcessing' }> {
  return {
    hook: 'DoPostUpgradeProcessing',
    component: {
      paramsKeyPath: PARAMS_PATH,
      params,
      preNT5Instance: 'IsdnCard2',
      nt5InfId: 'isdn2',
      sectionName: 'params.Adapter2',
      instanceGuids: { isdncard2: GUID, elnkii1: '{00000000-0000-0000-0000-000000000001}' },
      ...component,
    },
  };
}

export const behave = (behaviour: string, values: RegistryValueData[] = [], subkeys: RegistryTreeData[] = []) => postCall(postParams(behaviour, values, subkeys));

export async function failure(run: Promise<unknown>): Promise<PluginHookFailure> {
  try {
    await run;
  } catch (e) {
    if (e instanceof PluginHookFailure) return e;
    throw e;
  }
  throw new Error('expected a PluginHookFailure');
}

const utf16 = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const logged = (logs: readonly LogEntry[], message: string): unknown => logs.find((l) => l.message === message)?.data;

export interface MatrixHost {
  /** A new host of the kind under test; the caller's afterEach stops it. */
  readonly host: (limits?: HostLimits) => PluginHost;
  /** A behaviour of gui-mode.mjs that outlasts `ms`, and what the failure then says. */
  readonly timeout: { readonly behaviour: string; readonly ms: number; readonly detail: RegExp; readonly died: boolean };
}

/**
 * The post-upgrade tests both hosts must pass alike: call them inside a describe of the host
 * under test. The sandbox-only cases (permissions, crashes, forged replies) stay in its file.
 */
export function postUpgradeMatrix(m: MatrixHost): void {
  it('runs PostUpgradeInitialize with the working directory, upgrade info and unattended flag', async () => {
    const h = m.host();
    const options = postStart();
    const description = await h.start(testPlugin('gui-mode.mjs'), options);
    expect([description.postUpgrade, description.hooks.PostUpgradeInitialize, description.hooks.DoPostUpgradeProcessing]).toEqual([true, 'postInit', 'post']);
    const out = await h.call({ hook: 'PostUpgradeInitialize' });
    expect(out).toEqual({
      result: { flags: 0, vendorInfo: { companyName: 'GUI Mode Ltd.', supportNumber: '', supportUrl: 'https://gui.example', instructionsToUser: '' }, servicesNotToBeDeleted: [] },
      ops: [],
      registryOps: [],
      logs: [{ level: 'info', message: 'PostUpgradeInitialize', data: { workingDir: options.workingDir, upgradeInfo: NT4_TO_2000, unattended: true } }],
    });
    expect(existsSync(join(options.workingDir, 'post-init.txt'))).toBe(true);
  });

  it('migrates a component: answer-file values into its key, its instance GUID, vendor info; the engine replays the ops', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    await h.call({ hook: 'PostUpgradeInitialize' });
    const call = behave('migrate', [sz('DriverDesc', 'Acme ISDN')]);
    const out = await h.call(call);
    expect(out.result.vendorInfo.instructionsToUser).toBe('migrated IsdnCard2');
    expect(out.registryOps).toEqual([
      { kind: 'setValue', path: '', name: 'InfID', type: 1, data: utf16('isdn2\0') },
      { kind: 'setValue', path: '', name: 'OemSection', type: 1, data: utf16('params.Adapter2.OemSection\0') },
      { kind: 'setValue', path: '', name: 'Phone', type: 1, data: utf16('111-1111\0') },
      { kind: 'setValue', path: '', name: 'Spid', type: 1, data: utf16('111\0') },
      { kind: 'setValue', path: '', name: 'Migrated', type: 4, data: new Uint8Array([1, 0, 0, 0]) },
      { kind: 'createKey', path: '0' },
      { kind: 'setValue', path: '0', name: 'Guid', type: 1, data: utf16(`${GUID}\0`) },
      { kind: 'deleteValue', path: '', name: 'Behaviour' },
    ]);
    const registry = new Registry();
    fillRegistry(registry, PARAMS_PATH, call.component.params);
    const changes = applyRegistryOps(registry, PARAMS_PATH, out.registryOps);
    expect(changes.map((c) => c.op)).toEqual(['set-value', 'set-value', 'set-value', 'set-value', 'set-value', 'create-key', 'set-value', 'delete-value']);
    const params = registry.key(PARAMS_PATH);
    expect(params?.values().map((v) => `${v.name}=${v.type === 4 ? v.asDword() : v.asString()}`)).toEqual([
      'DriverDesc=Acme ISDN', 'InfID=isdn2', 'OemSection=params.Adapter2.OemSection', 'Phone=111-1111', 'Spid=111', 'Migrated=1',
    ]);
    expect(params?.subkey('0')?.value('Guid')?.asString()).toBe(GUID);
  });

  it('lets the hook read its own writes through the key and every key it opens', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const call = behave('reads-own-writes', [sz('Old', 'old')]);
    const out = await h.call(call);
    expect(logged(out.logs, 'seen')).toEqual({
      before: 'old',
      replaced: ['Old', 'replaced', ['Behaviour', 'Old']],
      sub: [7, `${PARAMS_PATH}\\Sub`, ['Sub']],
      again: 7,
      deletedValue: [true, false, undefined],
      deletedKey: [true, false, undefined],
      stale: { name: 'RegistryCallError', code: 1018, message: `setString("x") on ${PARAMS_PATH}\\Sub\\Deep failed with ERROR_KEY_DELETED (1018): the key was deleted` },
      recreated: 0,
    });
    expect(out.registryOps.map((op) => `${op.kind} ${op.path}${'name' in op ? ` ${op.name}` : ''}`)).toEqual([
      'setValue  old', 'createKey Sub', 'setValue Sub N', 'createKey Sub', 'deleteValue  OLD', 'deleteValue  OLD',
      'createKey Sub\\Deep', 'deleteKey Sub', 'deleteKey sub', 'createKey Sub',
    ]);
    expect(replay(call.component.params, out.registryOps).tree).toEqual(postParams('reads-own-writes', [], [key('Sub')]));
  });

  it('records every kind of write with its exact bytes, and the replay gives the key the hook saw', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const call = behave('every-op', [], [key('Gone', [sz('x', 'y')])]);
    const out = await h.call(call);
    expect(out.registryOps).toEqual([
      { kind: 'createKey', path: 'Sub' },
      { kind: 'setValue', path: 'Sub', name: 'Raw', type: 0x12345678, data: new Uint8Array([1, 2, 3]) },
      { kind: 'setValue', path: '', name: 'Sz', type: 1, data: utf16('text\0') },
      { kind: 'setValue', path: '', name: 'Expand', type: 2, data: utf16('%SystemRoot%\\x\0') },
      { kind: 'setValue', path: '', name: 'Multi', type: 7, data: utf16('a\0b\0\0') },
      { kind: 'setValue', path: '', name: 'Dword', type: 4, data: new Uint8Array([0xfe, 0xff, 0xff, 0xff]) },
      { kind: 'setValue', path: '', name: 'Qword', type: 11, data: new Uint8Array([0, 0, 0, 0, 0, 1, 0, 0]) },
      { kind: 'setValue', path: '', name: 'Binary', type: 3, data: new Uint8Array([0xde, 0xad]) },
      { kind: 'setValue', path: '', name: '', type: 1, data: new Uint8Array([0x41, 0, 0, 0]) },
      { kind: 'deleteValue', path: '', name: 'Behaviour' },
      { kind: 'deleteKey', path: 'Gone' },
    ]);
    const { tree } = replay(call.component.params, out.registryOps);
    expect(tree.values.map((v) => v.name)).toEqual(['Sz', 'Expand', 'Multi', 'Dword', 'Qword', 'Binary', '']);
    expect(tree.subkeys).toEqual([key('Sub', [{ name: 'Raw', type: 0x12345678, data: new Uint8Array([1, 2, 3]) }])]);
  });

  it('refuses bad registry calls at the call with ERROR_INVALID_PARAMETER and records none of them', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const out = await h.call(behave('invalid-calls'));
    const errors = logged(out.logs, 'errors') as { name: string; code: number; message: string }[];
    expect(errors).toHaveLength(20);
    for (const e of errors) expect([e.name, e.code]).toEqual(['RegistryCallError', 87]);
    expect(errors.map((e) => e.message.replace(/^.* failed with ERROR_INVALID_PARAMETER \(87\): /, ''))).toEqual([
      'value name "a\\u0000b" contains a NUL character',
      'value name is 16384 characters long; the limit is 16383',
      'value type -1 is not an integer 0..0xffffffff',
      'value type 1.5 is not an integer 0..0xffffffff',
      'value type 4294967296 is not an integer 0..0xffffffff',
      'value data must be a Uint8Array, not "text"',
      'a value name must be a string, not 42',
      'a key name cannot be empty',
      'key name "a\\\\b" contains "\\"; open or create one key at a time',
      'key name ".." is refused ("." and ".." are no key names here)',
      'key name is 257 characters long; the limit is 256',
      'key name "." is refused ("." and ".." are no key names here)',
      'key name "a\\u0000" contains a NUL character',
      'a value name must be a string, not null',
      'REG_SZ data "a\\u0000b" contains a NUL character; use setValue with the bytes for such data',
      'REG_MULTI_SZ cannot hold an empty string (it would end the list); use setValue with the bytes',
      'REG_DWORD out of range: 4294967296',
      'REG_DWORD data must be a number, not string',
      'REG_QWORD data must be a bigint, not number',
      'value data must be a Uint8Array, not an array',
    ]);
    expect(errors[0]?.message).toBe(`setValue("a\\u0000b") on ${PARAMS_PATH} failed with ERROR_INVALID_PARAMETER (87): value name "a\\u0000b" contains a NUL character`);
    expect(out.registryOps).toEqual([]);
  });

  it('fails the component when the hook lets a refused registry call escape; the host stays usable', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const e = await failure(h.call(behave('invalid-escapes')));
    expect({ kind: e.kind, plugin: e.plugin, hook: e.hook, component: e.component, died: e.sandboxDied }).toEqual({
      kind: 'invalid-writer-op', plugin: '"@test/gui-mode"', hook: 'DoPostUpgradeProcessing', component: 'IsdnCard2', died: false,
    });
    expect(e.detail).toBe(`a registry call failed and the hook let the error escape: setValue("bad\\u0000name") on ${PARAMS_PATH} failed with ERROR_INVALID_PARAMETER (87): value name "bad\\u0000name" contains a NUL character`);
    expect(h.alive).toBe(true);
    await expect(h.call(behave('ok'))).resolves.toMatchObject({ registryOps: [] });
  });

  it('answers instanceGuidOf like HrGetInstanceGuidOfPreNT5NetCardInstance', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const instances = ['IsdnCard2', 'ISDNCARD2', 'Elnkii1', 'Elnkii2', '', '   ', 'a\\b', 'tab\there', 'x'.repeat(257), 42];
    const out = await h.call(behave('guid', [sz('Instances', JSON.stringify(instances))]));
    const invalid = (shown: string, reason: string) => ({
      error: { name: 'InstanceNameError', code: 87, message: `instanceGuidOf(${shown}) failed with ERROR_INVALID_PARAMETER (87): ${reason}` },
    });
    expect(logged(out.logs, 'guids')).toEqual([
      { ok: GUID },
      { ok: GUID },
      { ok: '{00000000-0000-0000-0000-000000000001}' },
      { ok: null },
      invalid('""', 'the instance is empty or blank'),
      invalid('"   "', 'the instance is empty or blank'),
      invalid('"a\\\\b"', 'the instance contains "\\\\" at index 1; a service name has no \\, / or control characters'),
      invalid('"tab\\there"', 'the instance contains "\\t" at index 3; a service name has no \\, / or control characters'),
      invalid(JSON.stringify('x'.repeat(257)), 'the instance is 257 characters long; a service name has at most 256'),
      invalid('42', 'the instance must be a string'),
    ]);
  });

  it('gives the hook the committed answer file, read-only, and the component as the engine described it', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart({ unattended: false }));
    const out = await h.call(behave('answer'));
    expect(logged(out.logs, 'answer')).toEqual({
      sectionNames: ['NetAdapters', 'params.Adapter2', 'params.Adapter2.OemSection'],
      has: [true, false],
      lines: ['InfID=isdn2', 'OemSection=params.Adapter2.OemSection', 'Phone="111-1111"', 'Spid = 111 ; first B channel'],
      value: ['111-1111', undefined, undefined],
      entries: [
        { key: 'InfID', fields: ['isdn2'] },
        { key: 'OemSection', fields: ['params.Adapter2.OemSection'] },
        { key: 'Phone', fields: ['111-1111'] },
        { key: 'Spid', fields: ['111'] },
      ],
      missing: [null, null],
      component: { preNT5Instance: 'IsdnCard2', nt5InfId: 'isdn2', sectionName: 'params.Adapter2', unattended: false, path: PARAMS_PATH, name: '0007' },
    });
  });

  it('gives the engine ops that replay to exactly the key the hook last saw (random call sequences)', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    await fc.assert(
      fc.asyncProperty(initialTree, fc.array(scriptStep, { maxLength: 25 }), async (tree, steps) => {
        const params = { ...tree, values: [sz('Behaviour', 'script'), sz('Script', JSON.stringify(steps)), ...tree.values] };
        const out = await h.call(postCall(params));
        const final = logged(out.logs, 'final') as { tree: RegistryTreeData };
        expect(replay(params, out.registryOps).tree).toEqual(final.tree);
        // The host hands on exactly what the hook's calls recorded, nothing lost or added on the way.
        expect(out.registryOps).toEqual(localOps(params, steps));
      }),
      { numRuns: 15 },
    );
  });

  it('refuses writes through a key kept past the call (ERROR_INVALID_HANDLE)', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const out = await h.call(behave('late-write'));
    expect(out.registryOps).toEqual([]);
    // In process the plugin's setImmediate runs only once this side yields to the event loop.
    await new Promise((done) => setImmediate(done));
    const next = await h.call(behave('ok'));
    const late = [...out.logs, ...next.logs].find((l) => l.message === 'late')?.data;
    expect(late).toEqual({
      name: 'RegistryCallError',
      code: 6,
      message: `setDword("Late") on ${PARAMS_PATH} failed with ERROR_INVALID_HANDLE (6): the hook has returned and the engine closed its parameters key; keep no key objects beyond the call`,
    });
  });

  it.each([
    ['throw', 'hook-error', 'threw Error: vendor bug: cannot read the answer file'],
    ['reject', 'hook-error', 'threw TypeError: async failure'],
    ['bad-result', 'invalid-result', 'DoPostUpgradeProcessing returned an unknown field "flags"; it may return vendorInfo'],
  ] as const)('reports %s in DoPostUpgradeProcessing as %s with plugin, hook and component', async (behaviour, kind, detail) => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const e = await failure(h.call(behave(behaviour), { timeoutMs: 15_000 }));
    expect({ kind: e.kind, hook: e.hook, component: e.component, detail: e.detail, died: e.sandboxDied }).toEqual({
      kind, hook: 'DoPostUpgradeProcessing', component: 'IsdnCard2', detail, died: false,
    });
    expect(e.message).toBe(`plugin "@test/gui-mode", hook DoPostUpgradeProcessing, component IsdnCard2: ${detail}`);
    expect(h.alive).toBe(true);
  });

  it('stops a hook that outlasts the time limit', async () => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    const e = await failure(h.call(behave(m.timeout.behaviour), { timeoutMs: m.timeout.ms }));
    expect({ kind: e.kind, hook: e.hook, component: e.component, died: e.sandboxDied }).toEqual({
      kind: 'timeout', hook: 'DoPostUpgradeProcessing', component: 'IsdnCard2', died: m.timeout.died,
    });
    expect(e.detail).toMatch(m.timeout.detail);
    expect(h.alive).toBe(!m.timeout.died);
  });

  it.each([
    ['throw', 'hook-error', 'threw Error: GUI mode is not supported on this build'],
    ['flags', 'invalid-result', 'PostUpgradeInitialize returned an unknown field "flags"; it may return vendorInfo'],
  ] as const)('reports %s in PostUpgradeInitialize as %s', async (initBehaviour, kind, detail) => {
    const h = m.host();
    await h.start(testPlugin('gui-mode.mjs'), postStart({ options: { initBehaviour } }));
    const e = await failure(h.call({ hook: 'PostUpgradeInitialize' }));
    expect({ kind: e.kind, hook: e.hook, component: e.component, detail: e.detail }).toEqual({ kind, hook: 'PostUpgradeInitialize', component: undefined, detail });
    expect(e.message).toBe(`plugin "@test/gui-mode", hook PostUpgradeInitialize: ${detail}`);
  });

  it('fails a GUI-mode call to a plugin without post-upgrade hooks as missing-hook, before any plugin code runs', async () => {
    const h = m.host();
    const options = postStart();
    await h.start(testPlugin('chaos.mjs'), options);
    for (const call of [{ hook: 'PostUpgradeInitialize' } as const, behave('ok')]) {
      const e = await failure(h.call(call));
      expect({ kind: e.kind, hook: e.hook, component: e.component, died: e.sandboxDied }).toEqual({
        kind: 'missing-hook', hook: call.hook, component: call.hook === 'PostUpgradeInitialize' ? undefined : 'IsdnCard2', died: false,
      });
      expect(e.detail).toBe(`the plugin has no @${call.hook} method (it takes no part in GUI mode; was the module replaced since the Winnt32 phase returned LoadPostUpgrade for it?)`);
    }
    expect(h.alive).toBe(true);
  });

  it('refuses the engine\'s own mistakes as plain errors, not as the plugin\'s failure', async () => {
    const h = m.host();
    await expect(h.start(testPlugin('gui-mode.mjs'), postStart({ answerFileText: '[NetAdapters]\r\n[params.Adapter2\r\n' })))
      .rejects.toThrow(InfSyntaxError);
    await h.stop();
    await h.start(testPlugin('gui-mode.mjs'), postStart({ answerFileText: undefined }));
    await expect(h.call(behave('ok'))).rejects.toThrow('engine: DoPostUpgradeProcessing needs the answer file, but the host was started without answerFileText; component IsdnCard2');
    await h.stop();
    await h.start(testPlugin('gui-mode.mjs'), postStart());
    await expect(h.call(postCall(postParams('ok'), { instanceGuids: { isdncard2: 'not-a-guid' } })))
      .rejects.toThrow('engine: DoPostUpgradeProcessing component IsdnCard2: instanceGuids["isdncard2"] = "not-a-guid" is not a GUID in braces');
    await expect(h.call(postCall(postParams('ok', [], [key('a\\b')]))))
      .rejects.toThrow('engine: DoPostUpgradeProcessing component IsdnCard2: params.subkeys[0]: key name "a\\\\b" contains "\\"; open or create one key at a time');
    await expect(h.call(postCall(postParams('ok'), { paramsKeyPath: '\\\\' }))).rejects.toThrow('paramsKeyPath "\\\\\\\\" names no key');
    expect(h.alive).toBe(true);
    await expect(h.call(behave('ok'))).resolves.toMatchObject({ registryOps: [] });
  });
}

/** The ops the script records when run directly against a writable key, in this process. */
function localOps(params: RegistryTreeData, steps: readonly { key: number; call: string; args: readonly unknown[] }[]): RegistryWriteOp[] {
  const session = writableKeyFromTree(params, PARAMS_PATH);
  const keys: WritableRegistryKey[] = [session.key];
  for (const step of steps) {
    const k = keys[step.key % keys.length] as unknown as Record<string, (...a: unknown[]) => unknown>;
    try {
      const out = k[step.call]?.(...step.args.map((a) => toArg(a as never)));
      if (typeof out === 'object' && out !== null) keys.push(out as WritableRegistryKey);
    } catch {
      // refused, as in the plugin
    }
  }
  return session.ops();
}
