// Typed reads of NT4 configuration values that report, rather than throw on, a value of an
// unexpected type: a hand-edited or damaged registry must not stop discovery of the rest.

import { REG_EXPAND_SZ, REG_MULTI_SZ, REG_SZ, regTypeName, type RegistryKeyView } from '@netmigrate/registry';
import type { DiagnosticSink } from './diagnostics.js';

export interface ReadContext {
  report: DiagnosticSink;
  /** Instance the diagnostics are about, when known. */
  component?: string;
}

function wrongType(ctx: ReadContext, key: RegistryKeyView, name: string, type: number, expected: string): void {
  ctx.report({
    severity: 'warning',
    code: 'discovery-value-type',
    message: `${key.path} value "${name}" is ${regTypeName(type)}, expected ${expected}; it is ignored`,
    ...(ctx.component === undefined ? {} : { component: ctx.component }),
  });
}

/** REG_SZ or REG_EXPAND_SZ text (unexpanded); undefined when absent, empty or of another type. */
export function readString(ctx: ReadContext, key: RegistryKeyView | undefined, name: string): string | undefined {
  const v = key?.value(name);
  if (!key || !v) return undefined;
  let s: string;
  if (v.type === REG_SZ) s = v.asString();
  else if (v.type === REG_EXPAND_SZ) s = v.asExpandString();
  else {
    wrongType(ctx, key, name, v.type, 'REG_SZ');
    return undefined;
  }
  return s === '' ? undefined : s;
}

/** NetRules `class` is REG_MULTI_SZ on software keys and REG_SZ on cards (spec §10.2-§10.3): both are read as a list. */
export function readStringList(ctx: ReadContext, key: RegistryKeyView | undefined, name: string): string[] {
  const v = key?.value(name);
  if (!key || !v) return [];
  if (v.type === REG_MULTI_SZ) return v.asMultiString();
  if (v.type === REG_SZ || v.type === REG_EXPAND_SZ) {
    const s = v.type === REG_SZ ? v.asString() : v.asExpandString();
    return s === '' ? [] : [s];
  }
  wrongType(ctx, key, name, v.type, 'REG_MULTI_SZ or REG_SZ');
  return [];
}
