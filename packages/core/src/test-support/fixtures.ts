import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NT40, PRODUCT_TYPE, WINDOWS_2000, type NetUpgradeInfo } from '../contract/constants.js';
import type { PluginManifest } from '../contract/manifest.js';
import { bufferLogger, type LogEntry } from '../contract/tokens.js';
import type { LoadPluginOptions } from '../loader/load.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEST_PLUGINS = join(PACKAGE_ROOT, 'test-plugins');
export const testPlugin = (file: string): string => join(TEST_PLUGINS, file);

export const NT4_TO_2000: NetUpgradeInfo = {
  from: { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: NT40 },
  to: { productType: PRODUCT_TYPE.NtWorkstation, buildNumber: WINDOWS_2000 },
};

export function manifest(overrides: Partial<Record<keyof PluginManifest, unknown>> = {}): PluginManifest {
  return {
    name: '@acme/netmigrate-test',
    version: '1.0.0',
    apiVersion: '^1',
    vendor: { companyName: 'Acme', supportNumber: '555-0100', supportUrl: 'https://acme.example/support', instructionsToUser: 'Call us.' },
    ...overrides,
  } as PluginManifest;
}

export function tempDir(prefix = 'netmigrate-core-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function loadOptions(overrides: Partial<LoadPluginOptions> = {}): LoadPluginOptions & { logs: LogEntry[] } {
  const logs: LogEntry[] = [];
  return { workingDir: tempDir(), upgradeInfo: NT4_TO_2000, unattended: true, log: bufferLogger(logs), logs, ...overrides };
}

/**
 * Every token tsyringe's global container holds. Reads its private registry (tsyringe has no
 * public listing), which is fine for a test asserting the container stays empty.
 */
export async function globalRegistrations(): Promise<unknown[]> {
  const { container } = await import('../di.js');
  const registry = (container as unknown as { _registry: { entries(): Iterable<[unknown, unknown[]]> } })._registry;
  return [...registry.entries()].filter(([, regs]) => regs.length > 0).map(([token]) => token);
}

/** Writes a throwaway plugin module that imports core's source by absolute URL. */
export function writeTempPlugin(dir: string, name: string, body: string): string {
  const core = new URL('../index.ts', import.meta.url).href;
  const file = join(dir, name);
  writeFileSync(file, `import * as core from ${JSON.stringify(core)};\n${body}\n`);
  return file;
}
