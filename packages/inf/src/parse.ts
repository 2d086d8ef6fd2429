// parseInf: bytes (or text) → InfDocument, with the SetupAPI errors SetupOpenInfFile reports.

import { foldCase } from './chars.js';
import { singleByteCodec } from './codepage.js';
import { InfSyntaxError, InfWriteError, describeChar } from './diagnostics.js';
import { decodeBytes, encodeText, findUnencodable, isUnicode, type Decoded, type InfEncoding } from './decode.js';
import { InfDocument } from './document.js';
import { scanLayout, type PreamblePolicy } from './layout.js';
import { lintDocument } from './lint.js';
import { splitLines } from './lines.js';

export interface ParseOptions {
  /** Named in errors and findings. */
  fileName?: string | undefined;
  /** Single-byte code page for files without a BOM (default `windows-1252`): a WHATWG label or a number such as `1251`. */
  codepage?: string | undefined;
  /** Lint: collect findings for what SetupAPI silently drops or alters (see README). */
  strict?: boolean | undefined;
  /**
   * Text before the first section header: `setupapi` (default) ignores it when the file has
   * a [Strings] section and fails otherwise, as newer SetupAPI; `reject` always fails (older
   * SetupAPI); `ignore` never fails (for fragments).
   */
  textBeforeFirstSection?: PreamblePolicy | undefined;
  /** Also require `[Version] Signature` = $Chicago$ / $Windows NT$ / $Windows 95$ (INF_STYLE_WIN4). */
  requireSignature?: boolean | undefined;
  /** String input only: the encoding toBytes() writes (default: the code page if it can hold the text, else UTF-16LE with BOM). */
  encoding?: InfEncoding | undefined;
}

const SIGNATURES = new Set(['$chicago$', '$windows nt$', '$windows 95$']);

function fromString(input: string, options: ParseOptions): Decoded {
  let text = input;
  let bom = false;
  if (text.charCodeAt(0) === 0xfeff) {
    bom = true;
    text = text.slice(1);
  }
  const z = text.indexOf('\x1a');
  const rest = z < 0 ? '' : text.slice(z);
  if (z >= 0) text = text.slice(0, z);
  let encoding: InfEncoding;
  let checked = false;
  if (options.encoding !== undefined) encoding = isUnicode(options.encoding) ? options.encoding : singleByteCodec(options.encoding).name;
  else if (bom) encoding = 'utf-16le';
  else {
    const cp = singleByteCodec(options.codepage ?? 'windows-1252');
    checked = cp.firstUnencodable(text) < 0 && cp.firstUnencodable(rest) < 0;
    encoding = checked ? cp.name : 'utf-16le';
  }
  const bad = checked ? undefined : findUnencodable(text, encoding);
  if (bad) {
    throw new InfWriteError(bad.problem, `character ${describeChar(text.charCodeAt(bad.index))} at index ${bad.index} cannot be written in ${encoding}`, bad.index);
  }
  // Without a BOM, a Unicode file would be read back as the ANSI code page.
  return { text, encoding, bom: isUnicode(encoding), trailer: encodeText(rest, encoding) };
}

/**
 * Parse an INF or answer file. Bytes: UTF-16LE/BE or UTF-8 with a BOM, else the single-byte
 * `codepage`. Throws InfSyntaxError where SetupOpenInfFile would fail.
 */
export function parseInf(input: Uint8Array | string, options: ParseOptions = {}): InfDocument {
  const file = options.fileName;
  const decoded = typeof input === 'string' ? fromString(input, options) : decodeBytes(input, options.codepage ?? 'windows-1252', file);
  const doc = build(decoded, typeof input === 'string' ? null : input, options, options.textBeforeFirstSection ?? 'setupapi');
  if (options.requireSignature) checkSignature(doc, file);
  return doc;
}

function build(decoded: Decoded, original: Uint8Array | null, options: ParseOptions, preamble: PreamblePolicy): InfDocument {
  const file = options.fileName;
  const lines = splitLines(decoded.text);
  let layout;
  try {
    layout = scanLayout(decoded.text, lines, { file, preamble });
  } catch (e) {
    // Windows reports a file without a valid [Version] as the wrong style before it
    // complains about text outside sections (peer tests 1a, `abcd\r\n`).
    if (options.requireSignature && e instanceof InfSyntaxError && e.code === 'ERROR_EXPECTED_SECTION_NAME' && preamble !== 'ignore') {
      const tolerant = build(decoded, original, { ...options, strict: false }, 'ignore');
      if (!hasSignature(tolerant)) checkSignature(tolerant, file);
    }
    throw e;
  }
  const doc = new InfDocument({ file, encoding: decoded.encoding, bom: decoded.bom, original, trailer: decoded.trailer, layout, findings: [] });
  if (!options.strict) return doc;
  return new InfDocument({ file, encoding: decoded.encoding, bom: decoded.bom, original, trailer: decoded.trailer, layout, findings: lintDocument(doc) });
}

function signatureLine(doc: InfDocument): { ok: boolean; line: number } {
  const version = doc.section('Version');
  if (!version) return { ok: false, line: 1 };
  // SetupAPI compares the raw (unsubstituted) key and first field.
  const sig = version.lines().find((l) => l.key !== null && foldCase(l.key) === 'signature');
  if (!sig) return { ok: false, line: version.headerLines()[0] ?? 1 };
  return { ok: SIGNATURES.has(foldCase(sig.fields[0] ?? '')), line: sig.line };
}

function hasSignature(doc: InfDocument): boolean {
  return signatureLine(doc).ok;
}

function checkSignature(doc: InfDocument, file: string | undefined): void {
  const { ok, line } = signatureLine(doc);
  if (ok) return;
  throw new InfSyntaxError({
    code: 'ERROR_WRONG_INF_STYLE',
    reason: 'missing-signature',
    message: '[Version] has no Signature of $Chicago$, $Windows NT$ or $Windows 95$',
    file,
    line: Math.max(1, line),
    column: 1,
  });
}
