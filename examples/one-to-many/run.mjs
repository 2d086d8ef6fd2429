// node examples/one-to-many/run.mjs — each DataFire board through the whole upgrade (after
// `npm run build`): why its BoardType mapped to which post-upgrade ID (the engine's own words),
// what the answer file lists and what Windows 2000 installed it as; the unknown board gets the
// vendor's help files instead.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMappingIndex, discoverComponents, mapComponent, readNetmapInf } from '@netmigrate/core';
import { importRegFile } from '@netmigrate/registry';
import { runUpgrade } from '@netmigrate/testing';
import { VARIANTS } from './make-registry.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const vendor = join(here, 'vendor');

/** One board's upgrade, summed up in plain data. `host`: 'sandbox' (default) or 'in-process'. */
export async function upgradeVariant(name, host = 'sandbox') {
  const registry = join(here, 'registries', `${name}.reg`);
  // The mapping step alone, for its explanation (the run below makes the same decision).
  const snapshot = importRegFile(new Uint8Array(readFileSync(registry)), { fileName: registry, strict: true }).registry.snapshot();
  const { index } = buildMappingIndex([await readNetmapInf(vendor)]);
  const mapping = mapComponent(discoverComponents(snapshot).find((c) => c.kind === 'adapter'), index, snapshot);

  const run = await runUpgrade({ registry, oemDirs: [vendor], host });
  try {
    const card = run.report.components.find((c) => c.kind === 'adapter');
    const result = { variant: name, status: card.status, nt5InfId: card.nt5InfId ?? null, why: mapping.detail.split(`${here}`).join('').replace(/; plugin .*$/, '') };
    if (card.status === 'upgraded') {
      result.netAdapters = run.answerFile.lines('NetAdapters');
      result.installedAs = run.registry.key(run.instanceKey(card.answerFileKey))?.value('ComponentId')?.asString() ?? null;
    } else {
      result.helpFiles = [card.helpFiles?.txt, card.helpFiles?.htm].map((f) => (f === undefined ? null : basename(f)));
    }
    return result;
  } finally {
    await run.cleanup();
  }
}

export function describeVariant(r, boardType) {
  const board = boardType === undefined ? 'no BoardType value' : `BoardType = ${boardType}`;
  const lines = [`${r.variant}.reg (${board}): ${r.status}${r.nt5InfId === null ? '' : ` as "${r.nt5InfId}"`}`, `  ${r.why}`];
  if (r.netAdapters !== undefined) lines.push(`  [NetAdapters] ${r.netAdapters.join('; ')}`, `  Windows 2000 installed it with ComponentId "${r.installedAs}"`);
  if (r.helpFiles !== undefined) lines.push(`  the Compatibility Report shows the vendor's ${r.helpFiles.join(' and ')}`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, boardType] of VARIANTS) console.log(describeVariant(await upgradeVariant(name), boardType));
}
