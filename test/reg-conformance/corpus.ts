// The real-world .reg files (test/fixtures/reg-corpus, byte-exact copies of
// shared/corpus/reg) turned into conformance cases.
//
// Their keys name real hives (HKLM\SYSTEM\...), so before Wine imports them the key lines are
// moved under the case's own root. The rewrite is byte-careful: in every line whose first
// non-blank character is `[` (optionally followed by `-`) and that then names a full hive
// (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, HKEY_CURRENT_CONFIG,
// HKEY_DYN_DATA; any case) followed by `\` or `]`, the text
// `HKEY_CURRENT_USER\Software\NmConf\<case>\` is inserted in front of the hive name. The
// hive name stays, as the first subkey. Nothing else changes: not the encoding, the BOM, the
// line endings or any other byte, which `unrewriteRoots` lets the plain test prove.
//
// Windows 3.1 files (header `REGEDIT`, lines `HKEY_CLASSES_ROOT\path = value`) can only
// address HKEY_CLASSES_ROOT, so there `NmConf\<case>\` is inserted after `HKEY_CLASSES_ROOT\`
// at the start of a line, and the case is exported from HKEY_CLASSES_ROOT\NmConf\<case>.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HKCR_TEST_ROOT, HKCU_TEST_ROOT } from './generate.js';
import { bytesToLatin1, concatBytes, decodeUtf16le, encodeUtf16le, hasBom, latin1ToBytes } from './text.js';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/reg-corpus/', import.meta.url));

export interface CorpusCase {
  id: string;
  group: 'corpus';
  exportKey: string;
  /** What Wine and our importer read: the rewritten file. */
  bytes: Uint8Array;
  /** The corpus file as published (for a derived case: the file it was derived from). */
  original: Uint8Array;
  /** What the root rewrite started from: `original`, or the derived variant of it. */
  beforeRewrite: Uint8Array;
  source: string;
  /** How the case was derived from the corpus file, when it is not the file itself. */
  derived?: string;
  tags: string[];
}

const HIVE_LINE = /^([ \t]*\[-?)(HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG|DYN_DATA))(?=[\\\]])/i;
const WIN31_LINE = /^(HKEY_CLASSES_ROOT\\)/;

/** Lines with their terminators kept, so joining them gives back the exact text. */
function splitKeepingEols(text: string): string[] {
  return (text.match(/[^\r\n]*(?:\r\n|\r|\n|$)/g) ?? []).filter((l) => l !== '');
}

function asText(bytes: Uint8Array): { text: string; bom: boolean } {
  return hasBom(bytes) ? { text: decodeUtf16le(bytes.subarray(2)), bom: true } : { text: bytesToLatin1(bytes), bom: false };
}

function fromText(text: string, bom: boolean): Uint8Array {
  return bom ? concatBytes(Uint8Array.of(0xff, 0xfe), encodeUtf16le(text)) : latin1ToBytes(text);
}

/** A Windows 3.1 file: the first line, blanks trimmed, is exactly `REGEDIT`. */
export function isWin31(bytes: Uint8Array): boolean {
  const { text } = asText(bytes);
  return /^[ \t]*REGEDIT[ \t]*(?:\r|\n|$)/.test(text);
}

export function caseRoot(id: string, win31: boolean): string {
  return win31 ? `${HKCR_TEST_ROOT}\\${id}` : `${HKCU_TEST_ROOT}\\${id}`;
}

function insertion(id: string, win31: boolean): string {
  return win31 ? `NmConf\\${id}\\` : `${HKCU_TEST_ROOT}\\${id}\\`;
}

export function rewriteRoots(bytes: Uint8Array, id: string): Uint8Array {
  const { text, bom } = asText(bytes);
  const win31 = isWin31(bytes);
  const ins = insertion(id, win31);
  const out = splitKeepingEols(text).map((line) =>
    win31 ? line.replace(WIN31_LINE, `$1${ins}`) : line.replace(HIVE_LINE, (_m, lead: string, hive: string) => `${lead}${ins}${hive}`),
  );
  return fromText(out.join(''), bom);
}

/** Removes exactly what rewriteRoots inserted; used to prove the rewrite touched nothing else. */
export function unrewriteRoots(bytes: Uint8Array, id: string, win31: boolean): Uint8Array {
  const { text, bom } = asText(bytes);
  const ins = insertion(id, win31);
  const out = splitKeepingEols(text).map((line) => {
    if (win31) return line.startsWith(`HKEY_CLASSES_ROOT\\${ins}`) ? `HKEY_CLASSES_ROOT\\${line.slice(`HKEY_CLASSES_ROOT\\${ins}`.length)}` : line;
    const m = /^([ \t]*\[-?)/.exec(line);
    const lead = m?.[1] ?? '';
    return m && line.startsWith(ins, lead.length) ? lead + line.slice(lead.length + ins.length) : line;
  });
  return fromText(out.join(''), bom);
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.reg'))
    .sort();
}

export function corpusCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of corpusFiles()) {
    const original = new Uint8Array(readFileSync(`${CORPUS_DIR}${file}`));
    const id = `corpus-${file.replace(/\.reg$/, '')}`;
    const win31 = isWin31(original);
    const tags = [hasBom(original) ? 'utf16' : 'ansi', ...(win31 ? ['win31'] : [])];
    cases.push({ id, group: 'corpus', exportKey: caseRoot(id, win31), bytes: rewriteRoots(original, id), original, beforeRewrite: original, source: file, tags });
    if (win31 && /^REGEDIT[ \t]+(?:\r\n|\r|\n)/.test(bytesToLatin1(original))) {
      // `REGEDIT ` with a trailing blank is not the Win3.1 header to reg import: the file is
      // accepted and nothing is imported (peer-tests.md §3). This derived case drops the blank
      // so the lines below it really go through the Windows 3.1 parser too.
      const exact = latin1ToBytes(bytesToLatin1(original).replace(/^REGEDIT[ \t]+/, 'REGEDIT'));
      const did = `${id}-exact-header`;
      cases.push({
        id: did,
        group: 'corpus',
        exportKey: caseRoot(did, true),
        bytes: rewriteRoots(exact, did),
        original,
        beforeRewrite: exact,
        source: file,
        derived: 'header trailing blank removed',
        tags: [...tags, 'derived'],
      });
    }
  }
  return cases;
}
