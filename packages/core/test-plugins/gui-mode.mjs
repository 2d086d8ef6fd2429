// A GUI-mode plugin for the post-upgrade host tests. DoPostUpgradeProcessing does what the
// component's parameters key says in its REG_SZ value Behaviour; PostUpgradeInitialize does
// what the option initBehaviour says. What it observes goes into its log entries (the Log
// token, so both hosts deliver them), which the tests compare.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DoPostUpgradeProcessing, DoPreUpgradeProcessing, inject, Log, MigrationPlugin, NUA, PluginOptions, PostUpgradeInitialize, PreUpgradeInitialize,
  treeFromView,
} from '@netmigrate/core';

const options = {
  '~standard': {
    version: 1,
    vendor: 'netmigrate-test',
    validate: (value) => ({ value: { initBehaviour: value?.initBehaviour ?? 'ok' } }),
  },
};

/** What a caught error looks like in the log. */
const caught = (e) => ({ name: e.name, code: e.code, message: e.message });

function attempt(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    return { error: caught(e) };
  }
}

export class GuiModePlugin {
  constructor(options, log) {
    this.options = options;
    this.log = log;
  }

  preInit() {}

  pre() {
    return { flags: NUA.LoadPostUpgrade };
  }

  postInit(ctx) {
    appendFileSync(join(ctx.workingDir, 'post-init.txt'), 'x');
    this.log.info('PostUpgradeInitialize', ctx);
    switch (this.options.initBehaviour) {
      case 'throw':
        throw new Error('GUI mode is not supported on this build');
      case 'flags':
        return { flags: NUA.LoadPostUpgrade };
      case 'write-outside':
        writeFileSync(join(ctx.workingDir, '..', 'escaped-post.txt'), 'no');
        return undefined;
      default:
        return { vendorInfo: { companyName: 'GUI Mode Ltd.', supportUrl: 'https://gui.example' } };
    }
  }

  post(component, answer) {
    const params = component.params;
    const behaviour = params.value('Behaviour')?.asString() ?? 'ok';
    const log = (message, data) => this.log.info(message, data);
    switch (behaviour) {
      case 'ok':
        return undefined;
      case 'migrate': {
        // The documented use: values written in the Winnt32 phase come back from the answer file.
        const section = answer.entries(component.sectionName) ?? [];
        for (const { key, fields } of section) if (key !== null && key !== 'InfToRunAfterInstall') params.setString(key, fields[0] ?? '');
        params.setDword('Migrated', 1);
        params.createSubkey('0').setString('Guid', component.instanceGuidOf(component.preNT5Instance) ?? 'none');
        params.deleteValue('Behaviour');
        return { vendorInfo: { companyName: 'GUI Mode Ltd.', instructionsToUser: `migrated ${component.preNT5Instance}` } };
      }
      case 'reads-own-writes': {
        const seen = {};
        seen.before = params.value('Old')?.asString();
        params.setString('old', 'replaced');
        seen.replaced = [params.value('OLD')?.name, params.value('OLD')?.asString(), params.values().map((v) => v.name)];
        const sub = params.createSubkey('Sub');
        sub.setDword('N', 7);
        seen.sub = [params.openSubkey('SUB')?.value('n')?.asDword(), params.subkey('sub')?.path, params.subkeys().map((k) => k.name)];
        seen.again = params.createSubkey('sUB').value('N')?.asDword();
        seen.deletedValue = [params.deleteValue('OLD'), params.deleteValue('OLD'), params.value('Old')];
        const deep = sub.createSubkey('Deep');
        seen.deletedKey = [params.deleteSubkey('sub'), params.deleteSubkey('sub'), params.openSubkey('Sub')];
        seen.stale = attempt(() => deep.setString('x', 'y')).error;
        seen.recreated = params.createSubkey('Sub').values().length;
        log('seen', seen);
        return undefined;
      }
      case 'every-op': {
        const sub = params.createSubkey('Sub');
        sub.setValue('Raw', 0x12345678, new Uint8Array([1, 2, 3]));
        params.setString('Sz', 'text');
        params.setExpandString('Expand', '%SystemRoot%\\x');
        params.setMultiString('Multi', ['a', 'b']);
        params.setDword('Dword', 0xfffffffe);
        params.setQword('Qword', 1n << 40n);
        params.setBinary('Binary', new Uint8Array([0xde, 0xad]));
        params.setValue('', 1, new Uint8Array([0x41, 0, 0, 0]));
        params.deleteValue('Behaviour');
        params.deleteSubkey('Gone');
        return undefined;
      }
      case 'invalid-calls': {
        const calls = [
          () => params.setValue('a\0b', 1, new Uint8Array(0)),
          () => params.setValue('x'.repeat(16384), 1, new Uint8Array(0)),
          () => params.setValue('t', -1, new Uint8Array(0)),
          () => params.setValue('t', 1.5, new Uint8Array(0)),
          () => params.setValue('t', 2 ** 32, new Uint8Array(0)),
          () => params.setValue('t', 1, 'text'),
          () => params.setValue(42, 1, new Uint8Array(0)),
          () => params.createSubkey(''),
          () => params.createSubkey('a\\b'),
          () => params.createSubkey('..'),
          () => params.createSubkey('k'.repeat(257)),
          () => params.openSubkey('.'),
          () => params.deleteSubkey('a\0'),
          () => params.deleteValue(null),
          () => params.setString('s', 'a\0b'),
          () => params.setMultiString('m', ['a', '']),
          () => params.setDword('d', 2 ** 32),
          () => params.setDword('d', '1'),
          () => params.setQword('q', 1),
          () => params.setBinary('b', [1, 2]),
        ];
        log('errors', calls.map((call) => attempt(call).error ?? 'accepted'));
        return undefined;
      }
      case 'invalid-escapes':
        params.createSubkey('Fine');
        params.setValue('bad\0name', 1, new Uint8Array(0));
        return undefined;
      case 'guid': {
        const instances = JSON.parse(params.value('Instances').asString());
        log('guids', instances.map((i) => attempt(() => component.instanceGuidOf(i) ?? null)));
        return undefined;
      }
      case 'answer':
        log('answer', {
          sectionNames: answer.sectionNames(),
          has: [answer.hasSection(component.sectionName.toUpperCase()), answer.hasSection('Missing')],
          lines: answer.lines(component.sectionName),
          value: [answer.value(component.sectionName, 'phone'), answer.value(component.sectionName, 'Missing'), answer.value('Missing', 'x')],
          entries: answer.entries(component.sectionName),
          missing: [answer.lines('Missing') ?? null, answer.entries('Missing') ?? null],
          component: { preNT5Instance: component.preNT5Instance, nt5InfId: component.nt5InfId, sectionName: component.sectionName, unattended: component.unattended, path: params.path, name: params.name },
        });
        return undefined;
      case 'script':
        return runScript(params, JSON.parse(params.value('Script').asString()), log);
      case 'late-write':
        // Keeps the key past the call: NetSetup closed hkeyParams by then.
        setImmediate(() => log('late', attempt(() => params.setDword('Late', 1)).error));
        return undefined;
      case 'throw':
        params.setDword('Partial', 1);
        throw new Error('vendor bug: cannot read the answer file');
      case 'reject':
        return Promise.reject(new TypeError('async failure'));
      case 'loop':
        for (;;) { /* never returns */ }
      case 'hang-async':
        return new Promise(() => { /* never settles */ });
      case 'crash':
        process.exit(4);
        return undefined;
      case 'bad-result':
        return { flags: NUA.LoadPostUpgrade };
      case 'write-outside':
        writeFileSync(params.value('Target').asString(), 'escaped');
        return undefined;
      case 'forge-registry-op':
        // A compromised child: rewrites its own answer to smuggle a write outside its key.
        forgeReply((output) => ({ ...output, registryOps: [...output.registryOps, { kind: 'createKey', path: '..\\..\\Services\\Evil' }] }));
        params.setDword('Fine', 1);
        return undefined;
      case 'forge-answer-op':
        forgeReply((output) => ({ ...output, ops: [{ kind: 'addSection', name: 'Evil' }] }));
        return undefined;
      default:
        throw new Error(`unknown behaviour ${behaviour}`);
    }
  }
}

/**
 * Runs a generated call sequence. Handles: 0 is the parameters key, each create/open adds
 * one. Refused calls are expected (deleted keys, bad names) and only counted.
 */
function runScript(params, steps, log) {
  const keys = [params];
  const outcomes = [];
  for (const step of steps) {
    const key = keys[step.key % keys.length];
    const args = step.args.map((a) => (a !== null && typeof a === 'object' && 'bytes' in a ? new Uint8Array(a.bytes) : a));
    try {
      const out = key[step.call](...args);
      if (out !== null && typeof out === 'object' && 'setValue' in out) keys.push(out);
      outcomes.push(out === undefined || typeof out === 'boolean' ? out ?? null : 'key');
    } catch (e) {
      outcomes.push(`${e.name}:${e.code}`);
    }
  }
  log('final', { outcomes, tree: treeFromView(params) });
}

function forgeReply(rewrite) {
  const send = process.send.bind(process);
  process.send = (message, ...rest) => send(message?.type === 'result' ? { ...message, output: rewrite(message.output) } : message, ...rest);
}

inject(PluginOptions)(GuiModePlugin, undefined, 0);
inject(Log)(GuiModePlugin, undefined, 1);
PreUpgradeInitialize()(GuiModePlugin.prototype, 'preInit');
DoPreUpgradeProcessing()(GuiModePlugin.prototype, 'pre');
PostUpgradeInitialize()(GuiModePlugin.prototype, 'postInit');
DoPostUpgradeProcessing()(GuiModePlugin.prototype, 'post');
MigrationPlugin({ name: '@test/gui-mode', version: '1.0.0', apiVersion: '^1', vendor: { companyName: 'GUI Mode Ltd.' }, options })(GuiModePlugin);
