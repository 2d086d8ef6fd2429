// The DataFire one-to-many example end to end, each board in the sandbox as run.mjs runs it:
// the post-upgrade ID each BoardType maps to, the ValueNotPresent fallback, the unknown board's
// help files — and the printed summary against expected/run.txt.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForSandbox, matchGolden, type NtFixture } from '@netmigrate/testing';
import { beforeAll, describe, expect, test } from 'vitest';

const HERE = fileURLToPath(new URL('.', import.meta.url));

interface VariantResult {
  readonly variant: string;
  readonly status: string;
  readonly nt5InfId: string | null;
  readonly installedAs?: string | null;
  readonly helpFiles?: (string | null)[];
}
interface MakeRegistry {
  readonly VARIANTS: readonly [string, string | undefined][];
  machine(boardType: string | undefined): NtFixture;
}
interface Run {
  upgradeVariant(name: string, host?: 'sandbox' | 'in-process'): Promise<VariantResult>;
  describeVariant(result: VariantResult, boardType: string | undefined): string;
}

const load = async <T>(file: string) => (await import(new URL(file, import.meta.url).href)) as T;

// The plugin is plain JavaScript; the sandbox needs the engine's child bundle up to date.
beforeAll(() => buildForSandbox(join(HERE, '..', '..', 'packages', 'core', 'tsconfig.json')), 300_000);

describe('examples/one-to-many', () => {
  test('registries/*.reg are what make-registry.mjs builds', async () => {
    const { VARIANTS, machine } = await load<MakeRegistry>('./make-registry.mjs');
    for (const [name, boardType] of VARIANTS) {
      expect(Buffer.from(machine(boardType).toReg()).equals(readFileSync(join(HERE, 'registries', `${name}.reg`))), `registries/${name}.reg: run \`node make-registry.mjs\``).toBe(true);
    }
  });

  test('each board gets the post-upgrade ID its BoardType maps to; no value takes the ValueNotPresent line', async () => {
    const { VARIANTS } = await load<MakeRegistry>('./make-registry.mjs');
    const { upgradeVariant, describeVariant } = await load<Run>('./run.mjs');
    const results: VariantResult[] = [];
    for (const [name] of VARIANTS) results.push(await upgradeVariant(name));
    expect(results.map((r) => [r.variant, r.status, r.nt5InfId, r.installedAs ?? r.helpFiles])).toEqual([
      ['isa1u', 'upgraded', 'DATAFIRE - ISA1U', 'DATAFIRE - ISA1U'],
      ['isa1st', 'upgraded', 'DATAFIRE - ISA1ST', 'DATAFIRE - ISA1ST'],
      ['isa4st', 'upgraded', 'DATAFIRE - ISA4ST', 'DATAFIRE - ISA4ST'],
      ['generic', 'upgraded', 'DataFireIsaGeneric', 'DataFireIsaGeneric'],
      ['unknown', 'no-mapping', null, ['datafire.txt', 'datafire.htm']],
    ]);
    const printed = results.map((r, i) => describeVariant(r, VARIANTS[i]?.[1])).join('\n');
    matchGolden(`${printed}\n`, join(HERE, 'expected', 'run.txt'), { encoding: 'utf8' });
  }, 120_000);
});
