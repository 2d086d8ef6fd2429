import { afterEach, describe, expect, it } from 'vitest';
import { NT4_TO_2000, tempDir, testPlugin } from '../test-support/fixtures.js';
import { component, dword, hklmWithServices, sz } from '../test-support/registry.js';
import { PluginHookFailure } from './failures.js';
import type { HostLimits } from './host.js';
import { InProcessPluginHost } from './in-process-host.js';
import { postUpgradeMatrix } from './test-support/post-upgrade-matrix.js';

const registry = hklmWithServices({
  Isdn01: [sz('IsdnPhoneNumber', '222-2222'), dword('IsdnSwitchType', 4)],
  Hang: [sz('Behaviour', 'hang-async')],
  Bad: [sz('Behaviour', 'bad-flags')],
});
const start = () => ({ workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: false, registry });
const pre = (instance: string) => ({ hook: 'DoPreUpgradeProcessing', component: component(instance), sections: { taken: [], owned: [] } }) as const;

describe('InProcessPluginHost (debugging only)', () => {
  it('runs the hooks in this process with the same arguments and checks', async () => {
    const host = new InProcessPluginHost();
    await host.start(testPlugin('isdn.mjs'), start());
    expect(host.startLogs[0]?.message).toBe('constructed');
    expect((await host.call({ hook: 'PreUpgradeInitialize' })).result.servicesNotToBeDeleted).toEqual(['AcmeIsdnSvc']);
    const out = await host.call(pre('Isdn01'));
    expect(out.ops.at(-2)).toEqual({ kind: 'addLine', section: 'isdn01.SectionToRun.AddReg', line: 'HKR,0\\0,IsdnPhoneNumber,0,"222-2222"' });
    expect(out.ops.at(-1)).toEqual({ kind: 'addLine', section: 'isdn01.SectionToRun.AddReg', line: 'HKR,0,IsdnSwitchType,0x00010001,4' });
    await host.stop();
    expect(host.alive).toBe(false);
    await expect(host.call(pre('Isdn01'))).rejects.toThrow('the in-process host is not running');
  });

  it('stops waiting for an asynchronous hook at the time limit, naming plugin, hook and component', async () => {
    const host = new InProcessPluginHost({ hookTimeoutMs: 50 });
    await host.start(testPlugin('chaos.mjs'), start());
    const e = (await host.call(pre('Hang')).catch((err: unknown) => err)) as PluginHookFailure;
    expect(e).toBeInstanceOf(PluginHookFailure);
    expect(e.message).toBe('plugin "@test/chaos", hook DoPreUpgradeProcessing, component Hang: the hook did not finish within 50 ms (in-process: it was not stopped, only no longer awaited)');
    expect(host.alive).toBe(true);
  });

  it('classifies a bad result like the sandbox does', async () => {
    const host = new InProcessPluginHost();
    await host.start(testPlugin('chaos.mjs'), start());
    const e = (await host.call(pre('Bad')).catch((err: unknown) => err)) as PluginHookFailure;
    expect([e.kind, e.component]).toEqual(['invalid-result', 'Bad']);
  });

  it('refuses a second start without a stop', async () => {
    const host = new InProcessPluginHost();
    await host.start(testPlugin('isdn.mjs'), start());
    await expect(host.start(testPlugin('isdn.mjs'), start())).rejects.toThrow('the in-process host already runs "@acme/netmigrate-isdn"; stop() it first');
  });
});

describe('InProcessPluginHost in GUI mode (post-upgrade hooks)', () => {
  const hosts: InProcessPluginHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
  });

  postUpgradeMatrix({
    host: (limits: HostLimits = {}) => {
      const h = new InProcessPluginHost({ hookTimeoutMs: 5000, ...limits });
      hosts.push(h);
      return h;
    },
    timeout: { behaviour: 'hang-async', ms: 50, detail: /^the hook did not finish within 50 ms \(in-process: it was not stopped, only no longer awaited\)$/, died: false },
  });
});
