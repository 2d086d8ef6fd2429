import { describe, expect, test } from 'vitest';
import { RegSyntaxError } from '../model/errors.js';
import { hexBytes } from '../model/utf16.js';
import { exportReg } from './writer.js';
import { applyRegFile, importRegFile, parseRegFile } from './read.js';
import { Registry } from '../model/registry.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics.js';
import { IMPORT_CASES, KEY, WIN31_DEFAULTS, W31, caseBytes, columnOf, encodingsOf, type ImportCase } from '../test-support/import-cases.js';

const EOLS = [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const;

function expectedDiags(c: ImportCase, eol: string): { line: number; column: number; code: string }[] {
  const lines = c.text.split('\n');
  void eol;
  return (c.diags ?? [])
    .map(([line, at, code]) => ({ line, column: columnOf(lines[line - 1]!, at), code }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function check(c: ImportCase, reg: Registry): void {
  const base = c.key ?? KEY;
  const key = reg.key(base);
  for (const [name, want] of Object.entries(c.values ?? {})) {
    const v = key?.value(name);
    if (want === null) expect(v, `value ${JSON.stringify(name)} must not exist`).toBeUndefined();
    else {
      expect(v, `value ${JSON.stringify(name)}`).toBeDefined();
      expect({ name, type: v!.type, hex: hexBytes(v!.data) }).toEqual({ name, type: want.type, hex: want.hex });
    }
  }
  for (const [path, exists] of Object.entries(c.keys ?? {})) {
    const full = path.startsWith('HKEY_') ? path : `${base}\\${path}`;
    expect(reg.key(full) !== undefined, `key ${full} ${exists ? 'exists' : 'does not exist'}`).toBe(exists);
  }
}

describe('reg import rules (peer-tests §3) as a table', () => {
  for (const c of IMPORT_CASES) {
    for (const enc of encodingsOf(c)) {
      for (const [eolName, eol] of c.fixedEol ? [EOLS[0]] : EOLS) {
        test(`${c.id} [${enc}, ${eolName}]`, () => {
          const bytes = caseBytes(c, enc, eol);
          const { registry, file } = importRegFile(bytes, { fileName: 'case.reg' });
          expect(file.exitCode).toBe(c.exitCode ?? 0);
          expect(file.encoding).toBe(enc === 'utf16' ? 'utf16le' : 'ansi');
          check(c, registry);

          const want = expectedDiags(c, eol);
          const got = file.warnings.map((d) => ({ line: d.line, column: d.column, code: d.code }));
          expect(got).toEqual(want);
          for (const d of file.warnings) {
            expect(d.file).toBe('case.reg');
            expect(d.severity).toBe(DIAGNOSTIC_CODES[d.code as DiagnosticCode]);
            expect(d.message.length).toBeGreaterThan(10);
          }

          // The two-step path (operations, then apply) gives the same registry.
          const parsed = parseRegFile(bytes);
          const other = new Registry();
          applyRegFile(other, parsed);
          expect(exportReg(other, { format: 'regedit5' })).toEqual(exportReg(registry, { format: 'regedit5' }));
          expect(parsed.warnings.length).toBe(file.warnings.length);

          // Strict mode stops at the first line that is not imported, naming file:line:col.
          const firstError = file.warnings.find((d) => d.severity === 'error');
          if (firstError) {
            let thrown: unknown;
            try {
              parseRegFile(bytes, { fileName: 'case.reg', strict: true });
            } catch (e) {
              thrown = e;
            }
            expect(thrown).toBeInstanceOf(RegSyntaxError);
            const e = thrown as RegSyntaxError;
            expect([e.file, e.line, e.column, e.code]).toEqual(['case.reg', firstError.line, firstError.column, firstError.code]);
            expect(e.message).toContain(`case.reg:${firstError.line}:${firstError.column}: `);
          } else {
            expect(() => parseRegFile(bytes, { strict: true })).not.toThrow();
          }
        });
      }
    }
  }

  test('win31 subkeys get their default values', () => {
    const c = IMPORT_CASES.find((x) => x.id === 'win31')!;
    const { registry } = importRegFile(caseBytes(c, 'ansi', '\n'));
    for (const [k, v] of Object.entries(WIN31_DEFAULTS)) expect(registry.key(`${W31}\\${k}`)?.value('')?.asString(), k).toBe(v);
  });
});
