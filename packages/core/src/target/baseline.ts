// The Windows 2000 registry a target system starts from (baseline/windows-2000.reg).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importRegFile, type Registry } from '@netmigrate/registry';

/** Where the shipped baseline lies; the same relative place from src/target and dist/target. */
export const BASELINE_FILE = fileURLToPath(new URL('../../baseline/windows-2000.reg', import.meta.url));

let cached: Registry | undefined;

/** A fresh copy of the baseline registry (parsed once per process). */
export function windows2000Baseline(): Registry {
  if (cached === undefined) {
    const { registry, file } = importRegFile(new Uint8Array(readFileSync(BASELINE_FILE)), { fileName: BASELINE_FILE });
    if (file.warnings.length > 0) throw new Error(`${BASELINE_FILE}: ${file.warnings.map((w) => w.message).join('; ')}`);
    cached = registry;
  }
  return cached.clone();
}
