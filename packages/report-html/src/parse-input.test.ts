import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderHtmlReport } from './html.js';
import { parseReportInput, readJson, ReportInputError } from './parse-input.js';
import { hostileReport } from './test-support/hostile.js';
import { SAMPLE_REPORT } from './test-support/sample.js';

const sample = JSON.stringify(SAMPLE_REPORT, null, 2);

function error(text: string): ReportInputError {
  try {
    parseReportInput(text, 'run/report.json');
  } catch (e) {
    if (e instanceof ReportInputError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseReportInput', () => {
  test('reads back what --format json writes, for the sample and for any report', () => {
    expect(parseReportInput(sample)).toEqual(SAMPLE_REPORT);
    fc.assert(
      fc.property(hostileReport, (r) => {
        const back = parseReportInput(JSON.stringify(r));
        expect(back).toEqual(r);
        expect(renderHtmlReport(back)).toBe(renderHtmlReport(r));
      }),
      { numRuns: 50 },
    );
  });

  test.each([
    ['{"schemaVersion": 1,\n  "run": {"status": "x"},\n  "components": [,]}', 'run/report.json:3:18: not valid JSON: unexpected "," where a value is expected'],
    ['{"schemaVersion": 1, "run": {"status": "x"}', 'run/report.json:1:44: not valid JSON: expected "," or "}" after a property'],
    ['{"a": "b\nc"}', 'run/report.json:1:9: not valid JSON: a control character inside a string must be escaped'],
    ['{"a": "\\x"}', 'run/report.json:1:8: not valid JSON: invalid escape in a string'],
    ['{"a": 01}', 'run/report.json:1:8: not valid JSON: expected "," or "}" after a property'],
    ['{} x', 'run/report.json:1:4: not valid JSON: unexpected text after the JSON document'],
    ['', 'run/report.json:1:1: not valid JSON: the text ends where a value is expected'],
    [`${'['.repeat(100)}${']'.repeat(100)}`, 'run/report.json:1:66: not valid JSON: nested more than 64 levels deep'],
  ])('bad JSON is located: %j', (text, message) => {
    expect(error(text).message).toBe(message);
  });

  test('a document that is not a report names the field and where it is', () => {
    expect(error('{"schemaVersion": 2}').message).toBe('run/report.json:1:19: $.schemaVersion: this netmigrate reads schemaVersion 1, found number 2; write the report again with this version');
    expect(error('[]').message).toBe('run/report.json:1:1: expected an object, found an array');
    const bad = sample.replace('"status": "not-supported"', '"status": "unsupported"');
    const e = error(bad);
    const line = bad.slice(0, bad.indexOf('"unsupported"')).split('\n').length;
    expect(e).toMatchObject({ field: '$.components[2].status', line });
    expect(e.message).toContain('expected one of "built-in", "upgraded", "not-supported", "no-mapping", "failed", "not-run", found the string "unsupported"');
    expect(error(sample.replace('"detail": "no netmap.inf maps OLDSVC"', '"detail": 7')).field).toBe('$.components[3].detail');
    expect(error(sample.replace('"severity": "error"', '"severity": "fatal"')).field).toBe('$.diagnostics[0].severity');
    expect(error(sample.replace('"kind": "plugin",', '"kind": "vendor",')).field).toBe('$.answerFile.sections[5].owner.kind');
    expect(error(sample.replace('"plugin": "oem0001"', '"plugin": 1')).field).toBe('$.answerFile.sections[5].owner.plugin');
    expect(error(sample.replace('"kind": "keyAdded"', '"kind": "keyCreated"')).field).toBe('$.apply.registryChanges[0].kind');
    expect(error(sample.replace('"line": 7', '"line": 0')).field).toBe('$.components[1].netmap.line');
    const missing = error('{"schemaVersion": 1, "run": {"status": "x"}, "diagnostics": []}');
    expect(missing.message).toBe('run/report.json:1:1: the field "components" is missing');
  });

  test('a "__proto__" key is data, not a prototype', () => {
    const r = parseReportInput('{"schemaVersion": 1, "run": {"status": "x", "__proto__": {"message": "injected"}}, "components": [], "diagnostics": []}');
    expect(r.run.message).toBeUndefined();
    expect(Object.getPrototypeOf(r.run)).toBe(Object.prototype);
  });

  test('property: the reader accepts exactly what JSON.parse accepts, and reads the same value', () => {
    const text = fc.oneof(
      fc.json(),
      fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 3 })).map(([j, at, junk]) => j.slice(0, at % (j.length + 1)) + junk + j.slice(at % (j.length + 1))),
    );
    fc.assert(
      fc.property(text, (t) => {
        let expected: unknown;
        try {
          expected = JSON.parse(t);
        } catch {
          expect(() => readJson(t, 'x.json'), JSON.stringify(t)).toThrow(ReportInputError);
          return;
        }
        expect(readJson(t, 'x.json')).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
