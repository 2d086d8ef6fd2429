// Misbehaves per component: the component's parameters key says how (value Behaviour), and
// it always writes a section first so tests can see the failed component's writes dropped.
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DoPreUpgradeProcessing, inject, MigrationPlugin, PreUpgradeInitialize, WorkingDir } from '@netmigrate/core';

export class ChaosPlugin {
  constructor(workingDir) {
    this.workingDir = workingDir;
    this.calls = 0;
  }

  init(ctx) {
    appendFileSync(join(ctx.workingDir, 'init-count.txt'), 'x');
  }

  pre(component, answer) {
    this.calls++;
    answer.addSection(component.sectionName);
    answer.addLine(component.sectionName, `Instance=${component.preNT5Instance}`);
    const behaviour = component.params.value('Behaviour')?.asString() ?? 'ok';
    const target = component.params.value('Target')?.asString();
    switch (behaviour) {
      case 'ok':
        return undefined;
      case 'write-inside':
        writeFileSync(join(this.workingDir, `${component.preNT5Instance}.txt`), 'allowed');
        return undefined;
      case 'write-outside':
        writeFileSync(target, 'escaped the sandbox');
        return undefined;
      case 'write-outside-async':
        // Runs after the hook returned, before the child reads its next message.
        setImmediate(() => writeFileSync(target, 'escaped later'));
        return undefined;
      case 'spawn':
        spawnSync(process.execPath, ['-e', '0']);
        return undefined;
      case 'worker':
        new Worker('0', { eval: true });
        return undefined;
      case 'loop':
        for (;;) { /* never returns */ }
      case 'hang-async':
        return new Promise(() => { /* never settles */ });
      case 'oom': {
        const hoard = [];
        for (;;) hoard.push(new Array(100_000).fill(hoard.length));
      }
      case 'crash':
        process.exit(3);
        return undefined;
      case 'throw':
        throw new Error('vendor bug: parameter block corrupt');
      case 'invalid-line':
        answer.addLine(component.sectionName, 'x=1\n[NetAdapters]');
        return undefined;
      case 'engine-section':
        answer.addLine('NetAdapters', 'evil=params.evil');
        return undefined;
      case 'bad-flags':
        return { flags: 0x10 };
      case 'long-vendor':
        return { vendorInfo: { companyName: 'A'.repeat(256) } };
      case 'forge-op':
        // A compromised child: rewrites its own answer to smuggle a line into the engine's section.
        forgeReply((output) => ({ ...output, ops: [...output.ops, { kind: 'addLine', section: 'NetAdapters', line: 'evil=params.evil' }] }));
        return undefined;
      case 'forge-flags':
        forgeReply((output) => ({ ...output, result: { ...output.result, flags: 0x40000000 } }));
        return undefined;
      case 'reject':
        return Promise.reject(new TypeError('async failure'));
      default:
        throw new Error(`unknown behaviour ${behaviour}`);
    }
  }
}

function forgeReply(rewrite) {
  const send = process.send.bind(process);
  process.send = (message, ...rest) => send(message?.type === 'result' ? { ...message, output: rewrite(message.output) } : message, ...rest);
}

inject(WorkingDir)(ChaosPlugin, undefined, 0);
PreUpgradeInitialize()(ChaosPlugin.prototype, 'init');
DoPreUpgradeProcessing()(ChaosPlugin.prototype, 'pre');
MigrationPlugin({ name: '@test/chaos', version: '0.0.1', apiVersion: '^1', vendor: { companyName: 'Chaos Inc.' } })(ChaosPlugin);
