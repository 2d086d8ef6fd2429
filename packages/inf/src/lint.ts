// Strict mode: what SetupAPI accepts but silently drops or alters. Each finding has a
// stable code (documented in the README) and points at the character concerned.

import { foldCase, isBlank } from './chars.js';
import type { InfDiagnostic } from './diagnostics.js';
import type { InfDocument } from './document.js';
import { contentEnd, endingOf, position } from './lines.js';
import { allStringKeys, unknownTokens } from './strings.js';

/** MAX_INF_STRING_LENGTH (4096) includes the terminating NUL. */
export const MAX_FIELD_CHARS = 4095;
/** Windows 2000/XP/2003 keep 511 characters of a field or string substitution. */
export const W2K_FIELD_CHARS = 511;

/** Directives that legitimately appear more than once in a section. */
const REPEATABLE_KEYS = new Set(
  [
    'AddReg', 'DelReg', 'BitReg', 'CopyFiles', 'DelFiles', 'RenFiles', 'Ini2Reg', 'UpdateInis', 'UpdateIniFields',
    'AddService', 'DelService', 'AddInterface', 'AddProperty', 'DelProperty', 'Include', 'Needs', 'LogConfig',
    'ProfileItems', 'RegisterDlls', 'UnregisterDlls', 'CopyINF', 'ExcludeFromSelect', 'AddPowerSetting',
    'AddEventProvider', 'AddComponent', 'AddSoftware', 'FeatureScore',
  ].map((k) => k.toLowerCase()),
);

/** Bytes after Ctrl-Z that are not "content": padding, blanks, line breaks, more Ctrl-Z. */
function trailerHasContent(trailer: Uint8Array): boolean {
  for (let i = 0; i < trailer.length; i++) {
    const b = trailer[i];
    if (b !== 0x1a && b !== 0x00 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x20) return true;
  }
  return false;
}

export function lintDocument(doc: InfDocument): InfDiagnostic[] {
  const L = doc.baseLayout();
  const text = L.text;
  const lines = L.lines;
  const out: InfDiagnostic[] = [];
  const at = (pos: number, severity: InfDiagnostic['severity'], code: string, message: string): void => {
    const d: InfDiagnostic = { ...position(text, lines, pos), severity, code, message };
    if (doc.file !== undefined) d.file = doc.file;
    out.push(d);
  };

  if (L.preambleCount > 0) {
    const hasStrings = L.sectionIds.has('strings');
    at(
      L.preamblePos,
      'error',
      'text-before-first-section',
      `${L.preambleCount} line(s) of text before the first section header are ignored; ` +
        (hasStrings
          ? 'newer SetupAPI tolerates them only because the file has a [Strings] section, older SetupAPI (Windows 2000) rejects the file (ERROR_EXPECTED_SECTION_NAME)'
          : 'SetupAPI rejects the file (ERROR_EXPECTED_SECTION_NAME)'),
    );
  }

  for (let h = 0; h < L.hdrCount; h++) {
    let p = (L.hdrClose[h] ?? 0) + 1;
    const lf = text.indexOf('\n', p);
    const end = lf < 0 ? text.length : lf;
    while (p < end && isBlank(text.charCodeAt(p))) p++;
    if (p < end && text.charCodeAt(p) !== 0x3b) {
      at(p, 'warning', 'text-after-section-name', `text after ']' is ignored: "${text.slice(p, Math.min(end, p + 40)).trimEnd()}"`);
    }
  }

  for (let nul = text.indexOf('\0'); nul >= 0; ) {
    at(nul, 'warning', 'nul-character', 'NUL character is read as a space (a UTF-16 file without a BOM looks like this)');
    nul = text.indexOf('\0', lines.end(lines.lineOf(nul)));
  }

  for (let i = 0; i < lines.count; i++) {
    if (endingOf(text, lines, i) === 'cr') {
      at(contentEnd(text, lines, i), 'warning', 'lone-cr', 'a CR without LF is not a line break for SetupAPI: it reads a blank and continues the line');
    }
  }

  const stringKeys = allStringKeys(doc);
  const sub = doc.defaultSubstituter();
  const models = modelsSections(doc);
  for (const section of doc.sections()) {
    const folded = foldCase(section.name);
    const isStrings = /^strings(\.[0-9a-f]{1,4})?$/.test(folded);
    const checkDuplicates = !models.has(folded);
    const seen = new Map<string, number>();
    for (const line of section.lines()) {
      const t = line.tokensForEdit();
      const pieces: [string, number][] = [];
      if (t.key !== null && !t.implicitKey) pieces.push([t.key, t.keyStart]);
      t.fields.forEach((f, i) => pieces.push([f, t.fieldStarts[i] ?? t.keyStart]));
      if (t.unterminatedQuote >= 0) at(t.unterminatedQuote, 'warning', 'unterminated-quote', 'quote is not closed; SetupAPI ends it at the end of the line');
      if (t.continuationAtEof >= 0) at(t.continuationAtEof, 'warning', 'continuation-at-eof', 'line continuation (backslash) at the end of the file continues into nothing');
      for (const [s, pos] of pieces) {
        if (s.length > MAX_FIELD_CHARS) {
          at(pos, 'error', 'field-too-long', `field is ${s.length} characters; the documented limit is 4096 including the terminating NUL`);
        } else if (s.length > W2K_FIELD_CHARS) {
          at(pos, 'warning', 'field-truncated-w2k', `field is ${s.length} characters; Windows 2000/XP/2003 keep only the first ${W2K_FIELD_CHARS}`);
        }
        if (s.indexOf('%') < 0) continue;
        for (const name of unknownTokens(s, (k) => stringKeys.has(k))) {
          at(pos, 'warning', 'unknown-string-key', `%${name}% is not defined in any [Strings] section and is kept verbatim`);
        }
        const substituted = sub.substitute(s);
        if (substituted.length > MAX_FIELD_CHARS) {
          at(pos, 'warning', 'substitution-too-long', `after substitution the string is ${substituted.length} characters; SetupAPI truncates at 4096 including the NUL`);
        }
      }
      if (isStrings && t.key !== null && (t.fields[0]?.length ?? 0) > W2K_FIELD_CHARS) {
        at(t.fieldStarts[0] ?? t.keyStart, 'warning', 'string-value-too-long-w2k', `[Strings] value is ${t.fields[0]?.length} characters; Windows 2000/XP/2003 substitute at most ${W2K_FIELD_CHARS}`);
      }
      if (checkDuplicates && t.key !== null && !t.implicitKey && !REPEATABLE_KEYS.has(foldCase(t.key))) {
        const k = foldCase(t.key);
        const first = seen.get(k);
        if (first === undefined) seen.set(k, line.line);
        else at(t.keyStart, 'warning', 'duplicate-key', `key "${t.key}" already appears on line ${first} of [${section.name}]; SetupAPI lookups find only the first`);
      }
    }
  }

  if (trailerHasContent(doc.trailer)) {
    at(text.length, 'warning', 'content-after-ctrl-z', 'text after Ctrl-Z (0x1A) is ignored: SetupAPI stops reading at Ctrl-Z');
  }

  return out.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** Models sections named by [Manufacturer]: their keys are device descriptions and repeat freely. */
function modelsSections(doc: InfDocument): Set<string> {
  const out = new Set<string>();
  const sub = doc.defaultSubstituter();
  for (const line of doc.section('Manufacturer')?.lines() ?? []) {
    if (line.implicitKey) continue;
    const [base, ...decorations] = line.fields.map((f) => sub.substitute(f));
    if (!base) continue;
    out.add(foldCase(base));
    for (const d of decorations) if (d) out.add(foldCase(`${base}.${d}`));
  }
  return out;
}
