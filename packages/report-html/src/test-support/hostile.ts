// Random reports whose every string may be markup, entities, quotes, control characters or
// a URL with a dangerous scheme: the input of the escaping property tests.
import fc from 'fast-check';
import type { NetmigrateReport } from '../input.js';

export const HOSTILE_TOKENS = [
  '<script>globalThis.pwned=1</script>', '</script>', '</iframe><script>x()</script>', '<img src=x onerror=alert(1)>', '</style>', '</title>',
  '</textarea>', '<!--', '-->', ']]>', '<![CDATA[', '"', "'", '`', '&', '&amp;', '&lt;', '&#x3C;', '<', '>', '=', '\\', '|', '*', '_', '[x](javascript:alert(1))',
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:x', 'data:text/html,<script>x()</script>', 'vbscript:x', 'https://ok.example/"><script>x()</script>',
  '\r\n', '\r', '\n', '\0', '\u2028', '\uFEFF', '\u0085', '{{x}}', '${x}', '#', '```', '~~~', '- ', '1. ', '> ',
];

/** A string mixing hostile tokens with arbitrary characters (any code point). */
export const hostileString: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TOKENS) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }), { maxLength: 4 })
  .map((parts) => parts.join(''));

const s = hostileString;
const url = fc.oneof(hostileString, fc.webUrl(), fc.constantFrom('mailto:a@b.example', 'https://x.example/?a=1&b="2"', 'ftp://x.example/', 'file:///etc/passwd', ' javascript:alert(1)'));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const status = fc.constantFrom('built-in', 'upgraded', 'not-supported', 'no-mapping', 'failed', 'not-run' as const);
const line = fc.integer({ min: 1, max: 9999 });

/** Drops keys whose value is undefined (the report's optional fields are absent, not undefined). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const component = fc
  .record({
    kind: s, preNT5InfId: s, preNT5Instance: s, title: opt(s), status, nt5InfId: opt(s), answerFileKey: opt(s), paramsSection: opt(s),
    netmap: opt(fc.record({ file: s, line: opt(line), column: opt(line) }).map(compact)),
    plugin: opt(fc.record({ name: s, version: opt(s), module: s, workingDir: s }).map(compact)),
    vendorInfo: opt(fc.record({ companyName: s, supportNumber: s, supportUrl: url, instructionsToUser: s })),
    flags: opt(fc.integer({ min: 0, max: 0xffffffff })),
    flagNames: opt(fc.array(fc.constantFrom('LoadPostUpgrade', 'AbortUpgrade', 'SkipInstallInGuiMode' as const), { maxLength: 2 })),
    helpFiles: opt(fc.record({ txt: s, htm: s, source: fc.constantFrom('vendor', 'default' as const), exists: fc.record({ txt: fc.boolean(), htm: fc.boolean() }) })),
    failure: opt(fc.record({ plugin: opt(s), hook: opt(s), component: s, kind: s, message: s }).map(compact)),
    detail: s,
    help: opt(fc.record({ txt: opt(s), htm: opt(s), truncated: opt(fc.boolean()) }).map(compact)),
  })
  .map(compact);

const diagnostic = fc
  .record({ severity: fc.constantFrom('error', 'warning' as const), code: s, message: s, file: opt(s), line: opt(line), column: opt(line), component: opt(s), plugin: opt(s), hook: opt(s) })
  .map(compact);

const regValue = fc.record({ type: s, data: s });

export const hostileReport: fc.Arbitrary<NetmigrateReport> = fc
  .record({
    schemaVersion: fc.constant(1 as const),
    title: opt(s),
    generatedAt: opt(s),
    tool: opt(fc.record({ name: s, version: s })),
    run: fc.record({ command: opt(s), status: s, message: opt(s), upgradeInfo: opt(fc.record({ from: fc.record({ productType: fc.constantFrom(0, 1, 2), buildNumber: fc.constantFrom(1057, 1381, 2195, 7) }), to: fc.record({ productType: fc.constantFrom(0, 1, 2), buildNumber: fc.constantFrom(2195, 9) }) })) }).map(compact),
    components: fc.array(component, { maxLength: 4 }),
    answerFile: opt(
      fc.record({
        path: opt(s),
        state: opt(s),
        sections: fc.array(fc.record({ name: s, owner: fc.oneof(fc.constant({ kind: 'engine' as const }), s.map((plugin) => ({ kind: 'plugin' as const, plugin }))), lines: fc.array(s, { maxLength: 3 }) }), { maxLength: 4 }),
      }).map(compact),
    ),
    diagnostics: fc.array(diagnostic, { maxLength: 3 }),
    apply: opt(
      fc.record({
        target: opt(s),
        postUpgrade: opt(fc.record({ status: s, message: opt(s), components: fc.array(fc.record({ preNT5Instance: s, status: s, kind: opt(s), key: opt(s), nt5InfId: opt(s), plugin: opt(s), instanceGuid: opt(s), instanceKey: opt(s), detail: opt(s) }).map(compact), { maxLength: 3 }) }).map(compact)),
        registryChanges: opt(fc.array(fc.record({ kind: fc.constantFrom('keyAdded', 'keyRemoved', 'valueAdded', 'valueRemoved', 'valueChanged' as const), path: s, name: opt(s), before: opt(regValue), after: opt(regValue) }).map(compact), { maxLength: 3 })),
        diagnostics: opt(fc.array(diagnostic, { maxLength: 2 })),
      }).map(compact),
    ),
  })
  .map(compact);

/** Paths whose strings are enumerations, not text: left as generated. */
const ENUM_KEYS = new Set(['status', 'severity', 'kind', 'source', 'flagNames', 'supportUrl', 'schemaVersion']);
/** …except where the same key holds free text. */
const FREE_TEXT = [/^run\.status$/, /^apply\.postUpgrade\.status$/, /^apply\.postUpgrade\.components\.\d+\.status$/, /^apply\.postUpgrade\.components\.\d+\.kind$/, /^components\.\d+\.kind$/, /^components\.\d+\.failure\.kind$/];

/**
 * Wraps every free-text string as `«n»…«/n»` with a unique n, so a test can tell whether the
 * whole string reached the page intact: a field that is shown at all shows its opening marker,
 * and then must show all of it.
 */
export function markStrings(report: NetmigrateReport): { report: NetmigrateReport; marked: string[] } {
  const marked: string[] = [];
  const walk = (v: unknown, path: string, key: string): unknown => {
    if (typeof v === 'string') {
      const enumLike = ENUM_KEYS.has(key) && !FREE_TEXT.some((re) => re.test(path));
      if (enumLike) return v;
      const m = `«${marked.length}»${v}«/${marked.length}»`;
      marked.push(m);
      return m;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}.${i}`, key));
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, path === '' ? k : `${path}.${k}`, k)]));
    return v;
  };
  return { report: walk(report, '', '') as NetmigrateReport, marked };
}
