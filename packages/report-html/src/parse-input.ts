// Reads a saved report (`--format json` output, schemaVersion 1) back for rendering, with
// errors that name file:line:column and the field: a run directory's report.json may have
// been edited by hand or written by another version.

import type { NetmigrateReport } from './input.js';
import { REPORT_SCHEMA_VERSION } from './input.js';

export class ReportInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** The field, as a JSON path (`$.components[2].status`); `$` for the document. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${field === '$' ? '' : `${field}: `}${problem}`);
    this.name = 'ReportInputError';
  }
}

/** Parses and checks a saved report; throws ReportInputError. */
export function parseReportInput(text: string, file = 'report.json'): NetmigrateReport {
  const positions = new Map<string, number>();
  const value = readJson(text, file, positions);
  const fail = (path: string, problem: string): never => {
    const { line, column } = lineColumn(text, positions.get(path) ?? 0);
    throw new ReportInputError(file, line, column, path, problem);
  };
  checkReport(value, fail);
  return value as NetmigrateReport;
}

// ---- a JSON reader that remembers where each value starts --------------------------------

/** JSON.parse with ReportInputError naming file:line:column (exported for tests). */
export function readJson(text: string, file: string, positions = new Map<string, number>()): unknown {
  return new JsonReader(text, file, positions).document();
}

const MAX_DEPTH = 64;

class JsonReader {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly positions: Map<string, number>,
  ) {}

  document(): unknown {
    if (this.text.charCodeAt(0) === 0xfeff) this.i = 1;
    const v = this.value('$');
    this.space();
    if (this.i < this.text.length) this.error('unexpected text after the JSON document');
    return v;
  }

  private error(problem: string, at = this.i): never {
    const { line, column } = lineColumn(this.text, at);
    throw new ReportInputError(this.file, line, column, '$', `not valid JSON: ${problem}`);
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i] as string)) this.i++;
  }

  private value(path: string, depth = 0): unknown {
    this.space();
    // A report nests a handful of levels; a deep one is not a report (and would exhaust the stack).
    if (depth > MAX_DEPTH) this.error(`nested more than ${MAX_DEPTH} levels deep`);
    this.positions.set(path, this.i);
    const c = this.text[this.i];
    if (c === '{') return this.object(path, depth);
    if (c === '[') return this.array(path, depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.error(c === undefined ? 'the text ends where a value is expected' : `unexpected ${JSON.stringify(c)} where a value is expected`);
  }

  private object(path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.space();
    if (this.text[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.error('expected a property name in double quotes');
      const key = this.string();
      this.space();
      if (this.text[this.i] !== ':') this.error(`expected ":" after property name ${JSON.stringify(key)}`);
      this.i++;
      const v = this.value(`${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`, depth + 1);
      // defineProperty: a "__proto__" key is data, not the prototype.
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      this.space();
      const c = this.text[this.i++];
      if (c === '}') return out;
      if (c !== ',') this.error('expected "," or "}" after a property', this.i - 1);
    }
  }

  private array(path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.space();
    if (this.text[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(`${path}[${out.length}]`, depth + 1));
      this.space();
      const c = this.text[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.error('expected "," or "]" after an array element', this.i - 1);
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (Number.isNaN(c)) this.error('the text ends inside a string', start);
      if (c === 0x22) break;
      if (c < 0x20) this.error('a control character inside a string must be escaped');
      if (c === 0x5c) {
        const e = this.text[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.error('\\u must be followed by four hex digits');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.error('invalid escape in a string');
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  private number(): number {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (m === null) this.error('invalid number');
    this.i += m[0].length;
    return Number(m[0]);
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

// ---- the schema -----------------------------------------------------------------------

type Fail = (path: string, problem: string) => never;
type Check = (v: unknown, path: string, fail: Fail) => void;

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : `${typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`}`);

const str: Check = (v, p, fail) => {
  if (typeof v !== 'string') fail(p, `expected a string, found ${describe(v)}`);
};
const bool: Check = (v, p, fail) => {
  if (typeof v !== 'boolean') fail(p, `expected true or false, found ${describe(v)}`);
};
const int = (min: number, max: number): Check => (v, p, fail) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(p, `expected an integer from ${min} to ${max}, found ${describe(v)}`);
};
const oneOf = (...values: readonly string[]): Check => (v, p, fail) => {
  if (typeof v !== 'string' || !values.includes(v)) fail(p, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, found ${describe(v)}`);
};
const arr = (item: Check): Check => (v, p, fail) => {
  if (!Array.isArray(v)) fail(p, `expected an array, found ${describe(v)}`);
  (v as unknown[]).forEach((x, i) => item(x, `${p}[${i}]`, fail));
};
/** Fields ending in `?` are optional. Unknown fields are allowed (and not shown). */
const obj = (fields: Record<string, Check>): Check => (v, p, fail) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(p, `expected an object, found ${describe(v)}`);
  const o = v as Record<string, unknown>;
  for (const [spec, check] of Object.entries(fields)) {
    const optional = spec.endsWith('?');
    const name = optional ? spec.slice(0, -1) : spec;
    const has = Object.prototype.hasOwnProperty.call(o, name);
    if (!has || o[name] === undefined) {
      if (!optional) fail(p, `the field "${name}" is missing`);
      continue;
    }
    check(o[name], `${p}.${name}`, fail);
  }
};
const either = (key: string, variants: Record<string, Check>): Check => (v, p, fail) => {
  obj({ [key]: oneOf(...Object.keys(variants)) })(v, p, fail);
  (variants[(v as Record<string, string>)[key] as string] as Check)(v, p, fail);
};

const U32 = int(0, 0xffffffff);
const LINE = int(1, Number.MAX_SAFE_INTEGER);
const product = obj({ productType: U32, buildNumber: U32 });
const diagnostic = obj({
  severity: oneOf('error', 'warning'), code: str, message: str, 'file?': str, 'line?': LINE, 'column?': LINE, 'component?': str, 'plugin?': str, 'hook?': str,
});
const component = obj({
  kind: str, preNT5InfId: str, preNT5Instance: str, 'title?': str,
  status: oneOf('built-in', 'upgraded', 'not-supported', 'no-mapping', 'failed', 'not-run'),
  'nt5InfId?': str, 'answerFileKey?': str, 'paramsSection?': str,
  'netmap?': obj({ file: str, 'line?': LINE, 'column?': LINE }),
  'plugin?': obj({ name: str, 'version?': str, module: str, workingDir: str }),
  'vendorInfo?': obj({ companyName: str, supportNumber: str, supportUrl: str, instructionsToUser: str }),
  'flags?': U32, 'flagNames?': arr(str),
  'helpFiles?': obj({ txt: str, htm: str, source: oneOf('vendor', 'default'), exists: obj({ txt: bool, htm: bool }) }),
  'failure?': obj({ 'plugin?': str, 'hook?': str, component: str, kind: str, message: str }),
  detail: str,
  'help?': obj({ 'txt?': str, 'htm?': str, 'truncated?': bool }),
});
const regValue = obj({ type: str, data: str });
const checkReport: (v: unknown, fail: Fail) => void = (v, fail) => {
  obj({ schemaVersion: (x, p, f) => x === REPORT_SCHEMA_VERSION || f(p, `this netmigrate reads schemaVersion ${REPORT_SCHEMA_VERSION}, found ${describe(x)}; write the report again with this version`) })(v, '$', fail);
  obj({
    'title?': str, 'generatedAt?': str, 'tool?': obj({ name: str, version: str }),
    run: obj({ 'command?': str, status: str, 'message?': str, 'upgradeInfo?': obj({ from: product, to: product }) }),
    components: arr(component),
    'answerFile?': obj({
      'path?': str, 'state?': str,
      sections: arr(obj({ name: str, owner: either('kind', { engine: obj({}), plugin: obj({ plugin: str }) }), lines: arr(str) })),
    }),
    diagnostics: arr(diagnostic),
    'apply?': obj({
      'target?': str,
      'postUpgrade?': obj({
        status: str, 'message?': str,
        components: arr(obj({ preNT5Instance: str, status: str, 'kind?': str, 'key?': str, 'nt5InfId?': str, 'plugin?': str, 'instanceGuid?': str, 'instanceKey?': str, 'detail?': str })),
      }),
      'registryChanges?': arr(obj({ kind: oneOf('keyAdded', 'keyRemoved', 'valueAdded', 'valueRemoved', 'valueChanged'), path: str, 'name?': str, 'before?': regValue, 'after?': regValue })),
      'diagnostics?': arr(diagnostic),
    }),
  })(v, '$', fail);
};
