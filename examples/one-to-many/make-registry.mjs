// Writes registries/<variant>.reg: one NT 4.0 workstation per DataFire board, each with one
// board whose Parameters\BoardType is the variant's (none for the generic board). Run once
// (`node make-registry.mjs`, after `npm run build`) and commit the .reg files.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nt4 } from '@netmigrate/testing';

/** The variants in the order run.mjs shows them: file name → the board's BoardType (undefined: no such value). */
export const VARIANTS = [
  ['isa1u', 'DataFireIsaU'],
  ['isa1st', 'DataFireIsa1ST'],
  ['isa4st', 'DataFireIsa4ST'],
  ['generic', undefined],
  ['unknown', 'DataFirePri'],
];

export function machine(boardType) {
  return nt4({ product: 'workstation' })
    .adapter({
      service: 'DataFire', infOption: 'DATAFIREU', infName: 'OEMNADDF.INF', title: 'DigiBoard DataFire ISA', manufacturer: 'DigiBoard', vendor: 'DigiBoard',
      params: { ...(boardType === undefined ? {} : { BoardType: boardType }), IOBaseAddress: 0x300, InterruptNumber: 5, SwitchType: 'NI1' },
    })
    .build();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('registries/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const [name, boardType] of VARIANTS) {
    machine(boardType).writeReg(`${dir}${name}.reg`);
    console.log(`wrote registries/${name}.reg (BoardType ${boardType ?? 'not present'})`);
  }
}
