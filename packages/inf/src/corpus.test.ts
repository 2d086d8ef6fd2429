// Every corpus file: bytes round-trip exactly, the decoded text re-encodes to the same bytes,
// and the logical view matches a reviewed golden JSON (regenerate with UPDATE_GOLDEN=1).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bomBytes, encodeText } from './decode.js';
import { InfSyntaxError, createSubstituter, parseInf, type InfDocument, type ParseOptions } from './index.js';
import { GOLDEN, corpusFiles, readCorpus } from './test-support/helpers.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** A few DIRIDs with recognisable values, so substitution shows up in the goldens. */
const DIRIDS: Record<number, string> = { 1: 'A:\\src\\', 10: 'C:\\WINNT', 11: 'C:\\WINNT\\system32', 12: 'C:\\WINNT\\system32\\drivers', 17: 'C:\\WINNT\\inf', 24: 'C:\\' };

function open(rel: string): { doc: InfDocument; options: ParseOptions; error?: InfSyntaxError } {
  const bytes = readCorpus(rel);
  try {
    return { doc: parseInf(bytes, { fileName: rel, strict: true }), options: { strict: true } };
  } catch (e) {
    if (!(e instanceof InfSyntaxError)) throw e;
    // Fragments (a lone mapping line) are still round-tripped and viewed, tolerantly.
    const options: ParseOptions = { strict: true, textBeforeFirstSection: 'ignore' };
    return { doc: parseInf(bytes, { fileName: rel, ...options }), options, error: e };
  }
}

function logicalView(rel: string): unknown {
  const { doc, options, error } = open(rel);
  const sub = createSubstituter(doc, { lang: '0409', dirid: (id) => DIRIDS[id] });
  const endings = { crlf: 0, lf: 0, cr: 0, none: 0 };
  for (let n = 1; n <= doc.lineCount; n++) endings[doc.physicalLine(n).ending]++;
  return {
    file: rel,
    bytes: readCorpus(rel).length,
    encoding: doc.encoding,
    bom: doc.hasBom,
    physicalLines: doc.lineCount,
    endings,
    trailerBytes: doc.trailer.length,
    ...(error ? { defaultParseError: { code: error.code, reason: error.reason, line: error.line, column: error.column }, parsedWith: options } : {}),
    sections: doc.sections().map((s) => ({
      name: s.name,
      headers: s.headerLines(),
      lines: s.lines().map((l) => {
        const key = l.key === null ? null : sub.substitute(l.key);
        const fields = l.fields.map((f) => sub.substitute(f));
        const changed = key !== l.key || fields.some((f, i) => f !== l.fields[i]);
        return {
          line: l.line,
          ...(l.lastLine !== l.line ? { lastLine: l.lastLine } : {}),
          key: l.key,
          fields: l.fields,
          ...(l.implicitKey ? { implicitKey: true } : {}),
          ...(changed ? { substituted: { key, fields } } : {}),
        };
      }),
    })),
    findings: doc.findings.map(({ line, column, severity, code }) => ({ line, column, severity, code })),
  };
}

/** Reviewable layout: one entry or finding per line. */
function stringifyGolden(view: unknown): string {
  const v = view as { sections: { lines: unknown[] }[]; findings: unknown[] } & Record<string, unknown>;
  const head = Object.entries(v)
    .filter(([k]) => k !== 'sections' && k !== 'findings')
    .map(([k, val]) => `  ${JSON.stringify(k)}: ${JSON.stringify(val)}`);
  const sections = v.sections.map((s) => {
    const { lines, ...rest } = s;
    const body = lines.map((l) => `      ${JSON.stringify(l)}`).join(',\n');
    return `    ${JSON.stringify(rest).slice(0, -1)}, "lines": [${lines.length ? `\n${body}\n    ` : ''}]}`;
  });
  const findings = v.findings.map((f) => `    ${JSON.stringify(f)}`);
  return `{\n${head.join(',\n')},\n  "sections": [${sections.length ? `\n${sections.join(',\n')}\n  ` : ''}],\n  "findings": [${findings.length ? `\n${findings.join(',\n')}\n  ` : ''}]\n}\n`;
}

describe.each(corpusFiles())('%s', (rel) => {
  test('round-trips byte for byte', () => {
    const bytes = readCorpus(rel);
    const { doc } = open(rel);
    expect(Buffer.from(doc.toBytes()).equals(Buffer.from(bytes))).toBe(true);
  });

  test('the decoded lines re-encode to the same bytes', () => {
    const bytes = readCorpus(rel);
    const { doc } = open(rel);
    let text = '';
    for (let n = 1; n <= doc.lineCount; n++) {
      const { text: t, ending } = doc.physicalLine(n);
      text += t + { crlf: '\r\n', lf: '\n', cr: '\r', none: '' }[ending];
    }
    expect(text).toBe(doc.text);
    const rebuilt = Buffer.concat([doc.hasBom ? bomBytes(doc.encoding) : Buffer.alloc(0), encodeText(text, doc.encoding), doc.trailer]);
    expect(rebuilt.equals(Buffer.from(bytes))).toBe(true);
  });

  test('logical view matches the golden', () => {
    const golden = join(GOLDEN, `${rel}.json`);
    const actual = logicalView(rel);
    if (UPDATE) {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, stringifyGolden(actual));
    }
    expect(existsSync(golden), `missing ${golden}; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });

  test('replacing one value changes only that entry’s lines', () => {
    const { doc } = open(rel);
    const target = doc
      .sections()
      .flatMap((s) => s.lines().map((l) => ({ s, l })))
      .find(({ l }) => l.key !== null && !l.implicitKey && l.key.indexOf('%') < 0);
    if (!target) return;
    const before = Array.from({ length: doc.lineCount }, (_, i) => doc.physicalLine(i + 1));
    doc.setValue(target.s.name, target.l.key as string, 'NEW VALUE');
    const after = Array.from({ length: doc.lineCount }, (_, i) => doc.physicalLine(i + 1));
    const first = target.l.line - 1;
    const span = target.l.lastLine - target.l.line + 1;
    expect(after.length).toBe(before.length - span + 1);
    expect(after.slice(0, first)).toEqual(before.slice(0, first));
    expect(after.slice(first + 1)).toEqual(before.slice(first + span));
    expect(after[first]?.ending).toBe(before[first + span - 1]?.ending);
    const reread = parseInf(doc.toBytes(), { textBeforeFirstSection: 'ignore' });
    expect(reread.section(target.s.name)?.find(target.l.key as string)?.fields).toEqual(['NEW VALUE']);
  });
});
