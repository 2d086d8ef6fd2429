// The shape of a SetupAPI conformance case and how its INF is written out.
//
// A case is a starting registry under its own root key plus an INF whose install section runs
// AddReg/DelReg sections against that root. The generator builds the INF as a model (fields
// with their source text) so that the Wine copy (HKR spelled out as an absolute root) and the
// "what Wine does" equivalents of differences.ts can be rendered from the same lines.

import { BOM, concatBytes, encodeCp1252, encodeUtf16le } from '../reg-conformance/text.js';

/** One field of an INF line: the text written in the file. */
export interface FieldSpec {
  src: string;
}

export interface LineSpec {
  kind: 'add' | 'del';
  fields: FieldSpec[];
  /** The same line with HKR written as the case's absolute root (HKR cases only). */
  wineFields?: FieldSpec[] | undefined;
  /** Separator written before field i (index 0 unused); default ','. */
  seps?: string[] | undefined;
  /** Text after the last field, e.g. ' ; comment'. */
  trailer?: string | undefined;
  /** Static deliberate differences (differences.ts ids) and the line Wine's behaviour equals (null: no line). */
  equivalents?: { id: string; fields: FieldSpec[] | null }[] | undefined;
  /** APPEND line: when it would create its value, Wine does nothing (differences.ts). */
  append?: boolean | undefined;
  /** DelReg MULTI_SZ_DELSTRING line (differences.ts). */
  delString?: { keyPath: string; name: string } | undefined;
  /** Deliberate differences confined to one value (differences.ts): any result of it is accepted there. */
  marks?: { id: string; keyPath: string; name: string }[] | undefined;
}

export interface SectionSpec {
  name: string;
  /** Lines, with blank and comment lines as strings. */
  lines: (LineSpec | string)[];
}

export interface DirectiveSpec {
  /** `AddReg` or `DelReg` as written (any letter case). */
  key: string;
  refs: FieldSpec[];
}

export interface InfModel {
  install: string;
  directives: DirectiveSpec[];
  sections: SectionSpec[];
  /** [Strings] lines as written (`key = value`); no section when empty. */
  strings: string[];
  utf16: boolean;
}

export interface SetupCase {
  id: string;
  /** Features the case exercises (coverage is checked against a required list). */
  tags: string[];
  /** Full path of the case's root key; only this subtree is compared. */
  rootKey: string;
  /** Starting registry: a version 5 .reg (UTF-16LE) holding the case root's subtree, or nothing. */
  start: Uint8Array;
  model: InfModel;
  /** The INF our executor runs (HKR lines as written). */
  inf: Uint8Array;
  /** The INF Wine runs: HKR lines written with the absolute root (InstallHinfSection has no HKR). */
  wineInf: Uint8Array;
  section: string;
  /** Key HKR stands for in our run of `inf`; undefined: no HKR root (HKR lines are skipped). */
  hkr?: string | undefined;
}

/** Physical line (1-based) of every LineSpec in a rendered INF. */
export type LineMap = Map<LineSpec, number>;

export interface Rendered {
  bytes: Uint8Array;
  text: string;
  lines: LineMap;
}

export type Variant = 'ours' | 'wine';

/**
 * Writes the INF. `replace` swaps a line's fields for others (null drops the line, leaving a
 * comment so later line numbers stay put).
 */
export function renderInf(model: InfModel, variant: Variant, replace?: ReadonlyMap<LineSpec, FieldSpec[] | null>): Rendered {
  const out: string[] = ['[Version]', 'Signature="$Windows NT$"', ''];
  const lines: LineMap = new Map();
  out.push(`[${model.install}]`);
  for (const d of model.directives) out.push(`${d.key}=${d.refs.map((r) => r.src).join(',')}`);
  out.push('');
  for (const s of model.sections) {
    out.push(`[${s.name}]`);
    for (const l of s.lines) {
      if (typeof l === 'string') {
        out.push(l);
        continue;
      }
      lines.set(l, out.length + 1);
      const swapped = replace?.get(l);
      if (swapped === null) {
        out.push('; (line Wine skips)');
        continue;
      }
      const fields = swapped ?? (variant === 'wine' && l.wineFields ? l.wineFields : l.fields);
      // Separators belong to the generated line; a replacement is written plainly.
      const seps = swapped ? undefined : l.seps;
      let text = fields[0]?.src ?? '';
      for (let i = 1; i < fields.length; i++) text += (seps?.[i] ?? ',') + (fields[i]?.src ?? '');
      if (!swapped) text += l.trailer ?? '';
      // A continuation adds physical lines; count them so later lines map correctly.
      for (const part of text.split('\r\n')) out.push(part);
    }
    out.push('');
  }
  if (model.strings.length > 0) out.push('[Strings]', ...model.strings, '');
  const text = out.join('\r\n');
  const bytes = model.utf16 ? concatBytes(BOM, encodeUtf16le(text)) : encodeCp1252(text);
  return { bytes, text, lines };
}

/**
 * Several cases in one INF: their sections and strings side by side (names are unique per case)
 * and one install section holding every case's directive lines in order. SetupAPI runs all
 * DelReg sections before all AddReg sections; as each case only touches its own root, every
 * case ends as it would alone.
 */
export function mergeModels(models: readonly InfModel[], install: string): InfModel {
  const utf16 = models[0]?.utf16 ?? false;
  if (models.some((m) => m.utf16 !== utf16)) throw new Error('cases of one batch must share an encoding');
  return {
    install,
    directives: models.flatMap((m) => m.directives),
    sections: models.flatMap((m) => m.sections),
    strings: models.flatMap((m) => m.strings),
    utf16,
  };
}
