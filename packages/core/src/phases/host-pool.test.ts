import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PluginLoadError } from '../contract/errors.js';
import type { HostStartOptions } from '../sandbox/host.js';
import { buildCore } from '../test-support/build.js';
import { NT4_TO_2000, tempDir, testPlugin } from '../test-support/fixtures.js';
import { hklmWithServices } from '../test-support/registry.js';
import { HostPool } from './host-pool.js';

beforeAll(buildCore, 120_000);

const pools: HostPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(kind: 'sandbox' | 'in-process' = 'sandbox'): HostPool {
  const p = new HostPool(kind, { hookTimeoutMs: 5000 });
  pools.push(p);
  return p;
}

const start = (workingDir: string): HostStartOptions => ({ workingDir, upgradeInfo: NT4_TO_2000, unattended: true, registry: hklmWithServices({}) });

describe('HostPool', () => {
  it('boots a run\'s sandboxes before their working directories exist, and hands each over loaded ahead', async () => {
    const workDir = tempDir();
    const p = pool();
    p.prepareRun(workDir, 2);
    const dirs = [join(workDir, 'oem0001'), join(workDir, 'oem0002')];
    for (const d of dirs) mkdirSync(d);
    const options = dirs.map(start);
    p.prestart(dirs[0] as string, testPlugin('isdn.mjs'), options[0] as HostStartOptions);
    p.prestart(dirs[1] as string, testPlugin('singleton.mjs'), options[1] as HostStartOptions);

    const first = await p.take(dirs[0] as string);
    expect(first.prepareError).toBeUndefined();
    expect(first.prepareMs).toBeGreaterThan(0);
    await expect(first.host.start(testPlugin('isdn.mjs'), options[0] as HostStartOptions)).resolves.toMatchObject({ name: '@acme/netmigrate-isdn' });
    expect(first.host.alive).toBe(true);
    await expect(first.host.call({ hook: 'PreUpgradeInitialize' })).resolves.toMatchObject({ result: { servicesNotToBeDeleted: ['AcmeIsdnSvc'] } });
    await first.host.stop();
    expect(first.host.alive).toBe(false);
    // A second start is a fresh load (a restart after the sandbox died), not the one ahead.
    await expect(first.host.start(testPlugin('isdn.mjs'), options[0] as HostStartOptions)).resolves.toMatchObject({ name: '@acme/netmigrate-isdn' });
    await first.host.stop();

    // A plugin that fails to load ahead fails at its start, as it would have then.
    const second = await p.take(dirs[1] as string);
    const e = await second.host.start(testPlugin('singleton.mjs'), options[1] as HostStartOptions).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PluginLoadError);
    expect(second.host.alive).toBe(false);
  }, 60_000);

  it('starts afresh when the plugin is started with other options than the ones loaded ahead', async () => {
    const workDir = tempDir();
    const dir = join(workDir, 'oem0001');
    mkdirSync(dir);
    const p = pool();
    p.prepare(dir);
    p.prestart(dir, testPlugin('isdn.mjs'), start(dir));
    const { host } = await p.take(dir);
    const other = { ...start(dir), unattended: false };
    await expect(host.start(testPlugin('isdn.mjs'), other)).resolves.toMatchObject({ name: '@acme/netmigrate-isdn' });
    expect(host.startLogs).toEqual([{ level: 'info', message: 'constructed', data: { workingDir: dir, unattended: false } }]);
    await host.stop();
  }, 60_000);

  it('stops what was never taken, a load ahead included', async () => {
    const workDir = tempDir();
    const dir = join(workDir, 'oem0001');
    mkdirSync(dir);
    const p = pool();
    p.prepare(dir);
    p.prestart(dir, testPlugin('isdn.mjs'), start(dir));
    await p.close();
    const { host } = await p.take(dir);
    // The pool forgot it, so taking boots a new one: the stopped host is not handed out.
    expect(host.alive).toBe(true);
    await host.stop();
  }, 60_000);

  it('runs plugins in process without booting or loading anything ahead', async () => {
    const dir = tempDir();
    const p = pool('in-process');
    p.prepare(dir);
    p.prestart(dir, testPlugin('isdn.mjs'), start(dir));
    const { host, prepareMs } = await p.take(dir);
    expect(prepareMs).toBe(0);
    expect(host.startLogs).toEqual([]);
    await expect(host.start(testPlugin('isdn.mjs'), start(dir))).resolves.toMatchObject({ name: '@acme/netmigrate-isdn' });
    await host.stop();
  });
});
