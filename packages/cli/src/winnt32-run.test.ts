import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ISDN_REG, ISDN_VENDOR, PLUGINS, writePluginSet } from './commands/test-support.js';
import type { CommandContext } from './context.js';
import { bootSandboxesEarly, readPhaseInputs, type EarlyBoot } from './winnt32-run.js';

const ctx: CommandContext = { io: { stdout: () => undefined, stderr: () => undefined, cwd: process.cwd(), env: {}, stdinIsTTY: false }, exitCode: 0 };
const boots: EarlyBoot[] = [];
const workDirs: string[] = [];
afterEach(async () => {
  await Promise.all(boots.splice(0).map((b) => b.pool?.close()));
  await Promise.all(workDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function boot(flags: Parameters<typeof bootSandboxesEarly>[1]): Promise<EarlyBoot> {
  const workDir = await mkdtemp(join(tmpdir(), 'nm-early-'));
  workDirs.push(workDir);
  const b = await bootSandboxesEarly(ctx, flags, workDir);
  boots.push(b);
  return b;
}

describe('bootSandboxesEarly', () => {
  it('boots nothing when the plugin count is unknown before the engine runs, or the flags will be refused', async () => {
    expect(await boot({ registry: ISDN_REG, netmapDir: [ISDN_VENDOR], inProcess: true })).toEqual({});
    expect(await boot({ registry: ISDN_REG, oem: ISDN_VENDOR })).toEqual({});
    expect(await boot({ registry: ISDN_REG })).toEqual({});
    expect(await boot({ registry: ISDN_REG, netmapDir: [ISDN_VENDOR], plugins: 'netmigrate.ini' })).toEqual({});
    // An unreadable plugin set is readPhaseInputs' to report, in its order.
    expect(await boot({ registry: ISDN_REG, plugins: join(tmpdir(), 'no-such-set.ini') })).toEqual({});
  });

  it('boots a sandbox per --netmap-dir and per enabled plugin of the set, and hands the set on', async () => {
    const dirs = await boot({ registry: ISDN_REG, netmapDir: [ISDN_VENDOR, ISDN_VENDOR] });
    expect(dirs.pool?.kind).toBe('sandbox');
    expect(dirs.pluginSet).toBeUndefined();

    const file = await writePluginSet(`[plugin "a"]\nmodule = ${join(PLUGINS, 'isdn-example.mjs')}\nnetmap = ${ISDN_VENDOR}\n\n[plugin "b"]\nmodule = ${join(PLUGINS, 'isdn-example.mjs')}\nnetmap = ${ISDN_VENDOR}\nenabled = false\n`);
    const set = await boot({ registry: ISDN_REG, plugins: file });
    expect(set.pool?.kind).toBe('sandbox');
    expect(set.pluginSet?.plugins.map((p) => [p.module.endsWith('isdn-example.mjs'), p.enabled])).toEqual([[true, true], [true, false]]);
    const inputs = await readPhaseInputs(ctx, { registry: ISDN_REG, plugins: file }, set.pluginSet);
    expect(inputs.pluginSet).toBe(set.pluginSet);

    const none = await writePluginSet(`[plugin "b"]\nmodule = ${join(PLUGINS, 'isdn-example.mjs')}\nnetmap = ${ISDN_VENDOR}\nenabled = false\n`);
    // A set without an enabled plugin is refused by readPhaseInputs, so nothing boots.
    expect(await boot({ registry: ISDN_REG, plugins: none })).toEqual({});
  }, 30_000);
});
