// Golden files for the setupapi tests (regenerate with UPDATE_GOLDEN=1 and review the diff),
// and a replay of a change list, to check that the list tells the whole story.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportReg, type Registry } from '@netmigrate/registry';
import { expect } from 'vitest';
import type { Change } from '../execute.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const GOLDEN = `${FIXTURES}golden/`;

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${FIXTURES}${name}`));
}

export function expectGolden(name: string, text: string): void {
  const file = `${GOLDEN}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `missing ${file}; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** The registry as REGEDIT4 text (readable in a diff). */
export function regText(registry: Registry): string {
  return Buffer.from(exportReg(registry, { format: 'regedit4' })).toString('latin1');
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(',');
}

/** One line per change: operation, key, value, data, and file:line [section]. */
export function changesText(changes: readonly Change[]): string {
  return changes
    .map((c) => {
      const where = `${c.source.file ?? '<inf>'}:${c.source.line} [${c.source.section}]`;
      switch (c.op) {
        case 'create-key':
        case 'delete-key':
          return `${c.op} ${c.key}  <- ${where}`;
        case 'set-value':
          return `set-value ${c.key} "${c.name}" type ${c.value.type} = ${hex(c.value.data)}${c.previous ? ` (was type ${c.previous.type} ${hex(c.previous.data)})` : ''}  <- ${where}`;
        case 'delete-value':
          return `delete-value ${c.key} "${c.name}" (was type ${c.previous.type} ${hex(c.previous.data)})  <- ${where}`;
      }
    })
    .join('\n')
    .concat('\n');
}

/** Applies a change list to `start` (a clone); the result must equal the registry the run produced. */
export function replay(start: Registry, changes: readonly Change[]): Registry {
  const r = start.clone();
  for (const c of changes) {
    switch (c.op) {
      case 'create-key':
        r.createKey(c.key);
        break;
      case 'delete-key':
        r.deleteKey(c.key);
        break;
      case 'set-value':
        r.setValue(c.key, c.value);
        break;
      case 'delete-value':
        r.deleteValue(c.key, c.name);
        break;
    }
  }
  return r;
}
