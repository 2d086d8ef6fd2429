// A target system: the directory the GUI-mode phase upgrades. It holds the new registry as a
// journaled store file and the system directory text mode writes $Winnt$.inf into.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportReg, RegistryStore, StoreFormatError } from '@netmigrate/registry';
import { windows2000Baseline } from './baseline.js';

/** Where things live inside a target directory (docs/gui-mode.md). */
export const TARGET_LAYOUT = {
  systemRoot: 'WINNT',
  system32: join('WINNT', 'System32'),
  registry: join('WINNT', 'System32', 'config', 'registry.nmreg'),
  winntInf: join('WINNT', 'System32', '$Winnt$.inf'),
} as const;

export class TargetSystemError extends Error {
  override readonly name = 'TargetSystemError';
}

export interface TargetSystem {
  /** Absolute path of the target directory. */
  readonly dir: string;
  readonly system32Dir: string;
  readonly registryFile: string;
  readonly winntInfPath: string;
  /** Opens the registry store as committed on disk (a fresh object each call). */
  openRegistry(): Promise<RegistryStore>;
}

function describe(dir: string): TargetSystem {
  const abs = resolve(dir);
  const registryFile = join(abs, TARGET_LAYOUT.registry);
  return {
    dir: abs,
    system32Dir: join(abs, TARGET_LAYOUT.system32),
    registryFile,
    winntInfPath: join(abs, TARGET_LAYOUT.winntInf),
    async openRegistry() {
      try {
        return await RegistryStore.open(registryFile);
      } catch (e) {
        if (e instanceof StoreFormatError) throw new TargetSystemError(`${registryFile}: the target's registry store is unreadable (${e.message}); restore it or create a fresh target`);
        throw e;
      }
    },
  };
}

/**
 * Opens the target at `dir`, creating it from the Windows 2000 baseline when it has no
 * registry yet. Creation is one atomic commit of the store file, so a process killed while
 * creating leaves either no target or a whole one.
 */
export async function openTargetSystem(dir: string, options: { create?: boolean } = {}): Promise<TargetSystem> {
  const target = describe(dir);
  if (!existsSync(target.registryFile)) {
    if (options.create === false) throw new TargetSystemError(`${target.dir} is not a target system (no ${TARGET_LAYOUT.registry}); create it with createTargetSystem or netmigrate apply`);
    mkdirSync(join(target.dir, TARGET_LAYOUT.system32, 'config'), { recursive: true });
    await RegistryStore.from(windows2000Baseline(), target.registryFile).commit();
  }
  return target;
}

/** Creates a target from the baseline; refuses a directory that already holds one. */
export async function createTargetSystem(dir: string): Promise<TargetSystem> {
  const target = describe(dir);
  if (existsSync(target.registryFile)) throw new TargetSystemError(`${target.dir} already holds a target system (${TARGET_LAYOUT.registry})`);
  return openTargetSystem(dir);
}

/** The target's committed registry as a version-5 .reg (what `reg import` reads). */
export async function exportTargetRegistry(target: TargetSystem): Promise<Uint8Array> {
  return exportReg(await target.openRegistry(), { format: 'regedit5' });
}
