// The document: decoded text + structural layout + an edit overlay, and the logical view
// (merged sections → entries with lazily tokenized fields) that SetupAPI would see.

import { allBlank, foldCase, isBlank } from './chars.js';
import { InfWriteError, type InfDiagnostic } from './diagnostics.js';
import { bomBytes, encodeText, findUnencodable, type InfEncoding } from './decode.js';
import { scanLayout, type Layout } from './layout.js';
import { lintDocument } from './lint.js';
import { contentEnd, endingOf, splitLines, type LineEnding } from './lines.js';
import { buildView, chunkOf, spliceChunks, type Chunk, type View, type ViewSection } from './overlay.js';
import { createSubstituter, type Substituter } from './strings.js';
import { fieldsInto, tokenizeEntry, type Tokens } from './tokenizer.js';
import { formatField, formatLine, formatSectionHeader } from './writer.js';

/** A line to write: `key` null for a keyless line (e.g. an AddReg entry). */
export interface LineSpec {
  key: string | null;
  fields: readonly string[];
}

export interface DocumentInit {
  file: string | undefined;
  encoding: InfEncoding;
  bom: boolean;
  /** The bytes parsed, when the input was bytes (returned as-is while unedited). */
  original: Uint8Array | null;
  trailer: Uint8Array;
  layout: Layout;
  findings: InfDiagnostic[];
}

const EMPTY = new Uint8Array(0);

/** One logical entry of a section. Fields are tokenized on first access. */
export class InfLine {
  private tokens: Tokens | undefined;

  /** @internal */
  constructor(
    /** @internal */ readonly doc: InfDocument,
    /** @internal */ readonly layout: Layout,
    /** @internal */ readonly entry: number,
    /** @internal */ readonly vline: number,
    /** @internal */ readonly version: number,
  ) {}

  private tok(): Tokens {
    return (this.tokens ??= tokenizeEntry(this.layout.text, this.layout.entStart[this.entry] ?? 0, true, false));
  }

  /** 1-based physical line where the entry starts. */
  get line(): number {
    return this.vline + 1;
  }

  /** 1-based physical line where the entry ends (after backslash continuations). */
  get lastLine(): number {
    return this.vline + (this.layout.entryLastLine(this.entry) - (this.layout.entLine[this.entry] ?? 0)) + 1;
  }

  /** Key after quote processing (no substitution); for a bare single-field line, that field. */
  get key(): string | null {
    return this.tok().key;
  }

  /** Fields after quote processing (no substitution). */
  get fields(): readonly string[] {
    return this.tok().fields;
  }

  /** The key came from a bare single-field line without `=` (SetupAPI reports it as key and field 1). */
  get implicitKey(): boolean {
    return this.tok().implicitKey;
  }

  /** Source text of the entry, from its first character to its end (continuations included). */
  get raw(): string {
    return this.layout.text.slice(this.layout.entStart[this.entry] ?? 0, this.layout.entEnd[this.entry] ?? 0);
  }

  /** SetupGetLineText: the substituted fields joined with `,` (key excluded). */
  lineText(sub: Substituter = this.doc.defaultSubstituter()): string {
    return this.fields.map((f) => sub.substitute(f)).join(',');
  }

  /** @internal Tokens with every position (for edits and lint). */
  tokensForEdit(): Tokens {
    if (this.tokens === undefined || (this.tokens.fieldStarts.length === 0 && this.tokens.fieldCount > 0)) {
      this.tokens = tokenizeEntry(this.layout.text, this.layout.entStart[this.entry] ?? 0, true, true);
    }
    return this.tokens;
  }
}

/**
 * The entry forEachEntry is at: its fields without an InfLine per entry. Everything here is
 * valid only while the callback runs (the object and the `fields` array are reused).
 */
export interface InfEntryCursor {
  /** As InfLine.fields (quote processing, no substitution). Do not keep: copy what must outlive the callback. */
  readonly fields: readonly string[];
  /** 1-based physical line where the entry starts (InfLine.line). */
  readonly line: number;
  /** The entry as an InfLine of its own (for positions in diagnostics; may be kept). */
  toLine(): InfLine;
}

class EntryCursor implements InfEntryCursor {
  fields: readonly string[] = [];
  line = 0;
  layout: Layout | undefined;
  entry = 0;

  constructor(
    private readonly doc: InfDocument,
    private readonly version: number,
  ) {}

  toLine(): InfLine {
    return new InfLine(this.doc, this.layout as Layout, this.entry, this.line - 1, this.version);
  }
}

/** A merged section: every header of that name (case-insensitive) contributes its lines. */
export class InfSection {
  private vs: ViewSection | undefined;
  private seen: number;

  /** @internal */
  constructor(
    private readonly doc: InfDocument,
    vs: ViewSection,
  ) {
    this.vs = vs;
    this.seen = doc.version;
    this.name = vs.name;
  }

  /** Spelling of the section's first header. */
  readonly name: string;

  private current(): ViewSection | undefined {
    if (this.seen !== this.doc.version) {
      // Edited since: follow the section by name.
      this.vs = this.doc.viewSection(foldCase(this.name));
      this.seen = this.doc.version;
    }
    return this.vs;
  }

  /** Logical entries in document order (blank and comment lines are not entries). */
  lines(): InfLine[] {
    const vs = this.current();
    return vs ? this.doc.linesOf(vs) : [];
  }

  /**
   * `lines().forEach(fn)` without building the array: each entry is made as it is handed
   * over, so in one pass over a large section a line and its fields can be collected once `fn`
   * is done with it. The entries are those lines() returned when the call began.
   */
  forEachLine(fn: (line: InfLine) => void): void {
    const vs = this.current();
    if (vs) this.doc.forEachLineOf(vs, fn);
  }

  /**
   * forEachLine for bulk readers: `fn` gets a cursor whose fields are tokenized into reused
   * storage, so a large section costs no objects per entry. Same entries, same fields.
   */
  forEachEntry(fn: (entry: InfEntryCursor) => void): void {
    const vs = this.current();
    if (vs) this.doc.forEachEntryOf(vs, fn);
  }

  /** 1-based line of each `[name]` header of this section, in document order. */
  headerLines(): number[] {
    const vs = this.current();
    return vs ? this.doc.headerLinesOf(vs) : [];
  }

  /** Number of entries (SetupGetLineCount). */
  get lineCount(): number {
    return this.current()?.entIdx.length ?? 0;
  }

  /**
   * First entry whose key matches, case-insensitively, after string substitution, as
   * SetupFindFirstLine finds it.
   */
  find(key: string, sub: Substituter = this.doc.defaultSubstituter()): InfLine | undefined {
    return this.findAll(key, sub, true)[0];
  }

  /** Every entry whose key matches (SetupFindFirstLine + SetupFindNextMatchLine). */
  findAll(key: string, sub: Substituter = this.doc.defaultSubstituter(), firstOnly = false): InfLine[] {
    const want = foldCase(key);
    const out: InfLine[] = [];
    for (const l of this.lines()) {
      const k = l.key;
      if (k === null) continue;
      if (foldCase(k.indexOf('%') < 0 ? k : sub.substitute(k)) === want) {
        out.push(l);
        if (firstOnly) break;
      }
    }
    return out;
  }
}

export class InfDocument {
  readonly file: string | undefined;
  /** `utf-16le`, `utf-16be`, `utf-8` or the single-byte code page (WHATWG name). */
  readonly encoding: InfEncoding;
  readonly hasBom: boolean;
  /** Strict-mode findings from parsing (empty in lenient mode). See also lint(). */
  readonly findings: readonly InfDiagnostic[];

  private readonly original: Uint8Array | null;
  private readonly trailerBytes: Uint8Array;
  private readonly base: Layout;
  private chunks: Chunk[];
  private viewCache: View | undefined;
  private edited = false;
  private versionNo = 0;
  private eolCache: string | undefined;
  private subCache: { version: number; sub: Substituter } | undefined;

  /** @internal Use parseInf(). */
  constructor(init: DocumentInit) {
    this.file = init.file;
    this.encoding = init.encoding;
    this.hasBom = init.bom;
    this.original = init.original;
    this.trailerBytes = init.trailer;
    this.base = init.layout;
    this.findings = init.findings;
    this.chunks = init.layout.lines.count > 0 ? [{ layout: init.layout, from: 0, to: init.layout.lines.count }] : [];
  }

  /** Increases with every edit. */
  get version(): number {
    return this.versionNo;
  }

  /** Whether any edit was made since parsing. */
  get isEdited(): boolean {
    return this.edited;
  }

  /** The bytes from the first Ctrl-Z on (ignored by SetupAPI, kept for the round trip). */
  get trailer(): Uint8Array {
    return new Uint8Array(this.trailerBytes);
  }

  /** Decoded text up to (not including) the first Ctrl-Z. */
  get text(): string {
    if (!this.edited) return this.base.text;
    let out = '';
    for (const ch of this.chunks) out += ch.layout.text.slice(ch.layout.lines.start(ch.from), ch.layout.lines.start(ch.to));
    return out;
  }

  /** Number of physical lines (CRLF, LF and lone CR each end one). */
  get lineCount(): number {
    return this.view().totalLines;
  }

  /** Physical line n (1-based): its text without ending, and the ending. */
  physicalLine(n: number): { text: string; ending: LineEnding } {
    const v = n - 1;
    const view = this.view();
    if (!Number.isInteger(n) || v < 0 || v >= view.totalLines) throw new RangeError(`line ${n} is outside 1..${view.totalLines}`);
    const { layout, local } = this.locate(v);
    return {
      text: layout.text.slice(layout.lines.start(local), contentEnd(layout.text, layout.lines, local)),
      ending: endingOf(layout.text, layout.lines, local),
    };
  }

  /** The file's bytes: identical to the input when nothing was edited. */
  toBytes(): Uint8Array {
    // A copy (Buffer#slice would share memory): the caller may modify what it gets.
    if (!this.edited && this.original) return new Uint8Array(this.original);
    const bom = this.hasBom ? bomBytes(this.encoding) : EMPTY;
    const body = encodeText(this.text, this.encoding);
    const out = new Uint8Array(bom.length + body.length + this.trailerBytes.length);
    out.set(bom, 0);
    out.set(body, bom.length);
    out.set(this.trailerBytes, bom.length + body.length);
    return out;
  }

  /** Merged sections in order of first appearance. */
  sections(): InfSection[] {
    return this.view().sections.map((vs) => new InfSection(this, vs));
  }

  /** Section by name, case-insensitively (SetupAPI does not substitute section names). */
  section(name: string): InfSection | undefined {
    const vs = this.viewSection(foldCase(name));
    return vs ? new InfSection(this, vs) : undefined;
  }

  /**
   * Set `KEY=VALUE` in a section. A missing section is created at the end of the file; a
   * new key is appended after the last non-blank line of the section's last occurrence; an
   * existing key (first match, case-insensitive, as SetupFindFirstLine) has its whole
   * logical line replaced, keeping its indentation, key spelling, spacing around `=` and a
   * trailing comment. Every other byte stays as it was.
   */
  setValue(section: string, key: string, value: string | readonly string[]): void {
    const fields = typeof value === 'string' ? [value] : value.length === 0 ? [''] : [...value];
    // Validate everything before the first change so a failure changes nothing.
    formatSectionHeader(section);
    formatField(key);
    fields.forEach((f) => formatField(f));
    const sec = this.section(section);
    if (!sec) {
      this.addSection(section, [{ key, fields }]);
      return;
    }
    const found = sec.find(key);
    if (found) this.replaceEntry(found, key, fields, true);
    else this.appendEntry(section, key, fields, true);
  }

  /** Append an entry to a section (created at the end when missing), after its last non-blank line. */
  appendLine(section: string, key: string | null, fields: readonly string[]): void {
    formatSectionHeader(section);
    formatLine(key, fields);
    if (!this.section(section)) {
      this.addSection(section, [{ key, fields }]);
      return;
    }
    this.appendEntry(section, key, fields, false);
  }

  /** Remove an entry (all of its physical lines), given as an InfLine or its 1-based start line. */
  removeLine(target: InfLine | number): void {
    const v = this.resolveTarget(target);
    const [a, b] = this.unitAt(v);
    this.splice(a, b + 1, null);
  }

  /** Replace an entry (all of its physical lines), keeping its indentation and trailing comment. */
  replaceLine(target: InfLine | number, key: string | null, fields: readonly string[]): void {
    formatLine(key, fields);
    const v = this.resolveTarget(target);
    const line = target instanceof InfLine ? target : this.entryAt(v);
    this.replaceEntry(line, key, fields, false);
  }

  /**
   * Add a section at the end of the file (before any Ctrl-Z trailer), preceded by a blank
   * line when the file does not end with one. Throws if it exists, unless `merge` is set
   * (a second header of the same name merges with the first, as SetupAPI reads it).
   */
  addSection(name: string, lines: readonly LineSpec[] = [], options: { merge?: boolean } = {}): InfSection {
    const header = formatSectionHeader(name);
    const rendered = lines.map((l) => formatLine(l.key, l.fields));
    if (this.viewSection(foldCase(name)) && !options.merge) throw new Error(`section [${name}] already exists`);
    const eol = this.eol();
    let text = header + eol;
    for (const r of rendered) text += r + eol;
    this.checkEncodable(text);
    this.closeLastUnit();
    const total = this.view().totalLines;
    if (total > 0 && !this.isBlankLine(total - 1)) text = eol + text;
    this.splice(total, total, text);
    return this.section(name) as InfSection;
  }

  /** Remove every occurrence of a section: each header and the lines up to the next header. */
  removeSection(name: string): boolean {
    const ranges = this.occurrenceRanges(name);
    for (const [a, b] of ranges.reverse()) this.splice(a, b, null);
    return ranges.length > 0;
  }

  /**
   * Replace a section's entries: the first occurrence keeps its header and trailing blank
   * lines and gets `lines` as its body; later occurrences are removed. Creates the section
   * when missing.
   */
  replaceSection(name: string, lines: readonly LineSpec[]): InfSection {
    const vs = this.viewSection(foldCase(name));
    if (!vs) return this.addSection(name, lines);
    const rendered = lines.map((l) => formatLine(l.key, l.fields));
    const ranges = this.occurrenceRanges(name);
    const first = ranges[0] as [number, number];
    // Read everything from the current view before the first splice replaces it.
    const indent = this.indentFor(vs, first[0], first[1]);
    for (const [a, b] of ranges.slice(1).reverse()) this.splice(a, b, null);
    let bodyStart = this.unitAt(first[0])[1] + 1;
    let bodyEnd = bodyStart;
    for (let v = first[1] - 1; v >= bodyStart; v--) {
      if (!this.isBlankLine(v)) {
        bodyEnd = this.unitAt(v)[1] + 1;
        break;
      }
    }
    const eol = this.eol();
    const text = rendered.map((r) => indent + r + eol).join('');
    this.checkEncodable(text);
    if (bodyStart === this.view().totalLines) {
      // Empty body at the end of the file: the header line needs its line ending first.
      this.closeLastUnit();
      bodyStart = bodyEnd = this.view().totalLines;
    }
    this.splice(bodyStart, bodyEnd, text.length > 0 ? text : null);
    return this.section(name) as InfSection;
  }

  /** Strict-mode findings for the document as it is now (after edits). */
  lint(): InfDiagnostic[] {
    if (!this.edited) return lintDocument(this);
    // Lint reads positions from one layout, so lint a fresh parse of the current text.
    const text = this.text;
    const fresh = new InfDocument({
      file: this.file,
      encoding: this.encoding,
      bom: this.hasBom,
      original: null,
      trailer: this.trailerBytes,
      layout: scanLayout(text, splitLines(text), { file: this.file, preamble: 'ignore' }),
      findings: [],
    });
    return lintDocument(fresh);
  }

  /** Substituter with no language and no DIRIDs (undecorated [Strings] only). */
  defaultSubstituter(): Substituter {
    if (!this.subCache || this.subCache.version !== this.versionNo) this.subCache = { version: this.versionNo, sub: createSubstituter(this) };
    return this.subCache.sub;
  }

  // ---- internals -------------------------------------------------------------------

  /** @internal */
  view(): View {
    return (this.viewCache ??= buildView(this.chunks));
  }

  /** @internal */
  viewSection(folded: string): ViewSection | undefined {
    return this.view().byFolded.get(folded);
  }

  /** @internal The unedited layout (for lint). */
  baseLayout(): Layout {
    return this.base;
  }

  /** @internal */
  headerLinesOf(vs: ViewSection): number[] {
    const view = this.view();
    return vs.occurrences.map((h) => (view.hdrLine[h] ?? 0) + 1);
  }

  /** @internal */
  linesOf(vs: ViewSection): InfLine[] {
    const out: InfLine[] = new Array<InfLine>(vs.entIdx.length);
    this.forEachLineOf(vs, (line, k) => (out[k] = line));
    return out;
  }

  /** @internal */
  forEachLineOf(vs: ViewSection, fn: (line: InfLine, k: number) => void): void {
    // Captured first: `fn` may edit the document, which builds a new view.
    const view = this.view();
    const version = this.versionNo;
    const n = vs.entIdx.length;
    for (let k = 0; k < n; k++) {
      const ci = vs.entChunk ? (vs.entChunk[k] ?? 0) : 0;
      const ch = view.chunks[ci] as Chunk;
      const e = vs.entIdx[k] ?? 0;
      const v = (view.chunkStart[ci] ?? 0) + ((ch.layout.entLine[e] ?? 0) - ch.from);
      fn(new InfLine(this, ch.layout, e, v, version), k);
    }
  }

  /** @internal */
  forEachEntryOf(vs: ViewSection, fn: (entry: InfEntryCursor) => void): void {
    const view = this.view();
    const cursor = new EntryCursor(this, this.versionNo);
    const n = vs.entIdx.length;
    for (let k = 0; k < n; k++) {
      const ci = vs.entChunk ? (vs.entChunk[k] ?? 0) : 0;
      const ch = view.chunks[ci] as Chunk;
      const e = vs.entIdx[k] ?? 0;
      const layout = ch.layout;
      cursor.layout = layout;
      cursor.entry = e;
      cursor.line = (view.chunkStart[ci] ?? 0) + ((layout.entLine[e] ?? 0) - ch.from) + 1;
      cursor.fields = fieldsInto(layout.text, layout.entStart[e] ?? 0);
      fn(cursor);
    }
  }

  private locate(v: number): { ci: number; chunk: Chunk; layout: Layout; local: number } {
    const view = this.view();
    const ci = chunkOf(view, v);
    const chunk = view.chunks[ci] as Chunk;
    return { ci, chunk, layout: chunk.layout, local: chunk.from + (v - (view.chunkStart[ci] ?? 0)) };
  }

  /** Document lines [first, last] of the SetupAPI line (entry, header, comment) holding line v. */
  private unitAt(v: number): [number, number] {
    const { chunk, layout, local } = this.locate(v);
    const [a, b] = layout.unitRange(local);
    const offset = v - local;
    return [Math.max(a, chunk.from) + offset, Math.min(b, chunk.to - 1) + offset];
  }

  private isBlankLine(v: number): boolean {
    const { layout, local } = this.locate(v);
    return allBlank(layout.text, layout.lines.start(local), contentEnd(layout.text, layout.lines, local));
  }

  private lineEnding(v: number): LineEnding {
    const { layout, local } = this.locate(v);
    return endingOf(layout.text, layout.lines, local);
  }

  /** The file's dominant line ending (CRLF on a tie or when it has none). */
  private eol(): string {
    if (this.eolCache === undefined) {
      let crlf = 0;
      let lf = 0;
      for (let i = 0; i < this.base.lines.count; i++) {
        const e = endingOf(this.base.text, this.base.lines, i);
        if (e === 'crlf') crlf++;
        else if (e === 'lf') lf++;
      }
      this.eolCache = lf > crlf ? '\n' : '\r\n';
    }
    return this.eolCache;
  }

  private checkEncodable(text: string): void {
    const bad = findUnencodable(text, this.encoding);
    if (!bad) return;
    const c = text.charCodeAt(bad.index);
    throw new InfWriteError(bad.problem, `character U+${c.toString(16).toUpperCase().padStart(4, '0')} cannot be written in this ${this.encoding} file`, bad.index);
  }

  private splice(vFrom: number, vTo: number, text: string | null): void {
    let inserted: Chunk | null = null;
    if (text !== null && text.length > 0) {
      const lines = splitLines(text);
      inserted = { layout: scanLayout(text, lines, { preamble: 'ignore', fragment: true }), from: 0, to: lines.count };
    }
    this.chunks = spliceChunks(this.chunks, vFrom, vTo, inserted);
    this.viewCache = undefined;
    this.edited = true;
    this.versionNo++;
  }

  /**
   * Before appending at the end: give the last line a real line ending (a lone CR is none to
   * SetupAPI), and end a backslash continuation that runs into the end of the file with a
   * blank line, or the appended text would join that entry. Neither changes what SetupAPI
   * reads from the existing lines.
   */
  private closeLastUnit(): void {
    const total = this.view().totalLines;
    if (total === 0) return;
    const [a, b] = this.unitAt(total - 1);
    const { layout, local } = this.locate(a);
    let text = '';
    for (let v = a; v <= b; v++) {
      const at = this.locate(v);
      text += at.layout.text.slice(at.layout.lines.start(at.local), at.layout.lines.end(at.local));
    }
    const ending = this.lineEnding(total - 1);
    let closed = text;
    if (ending === 'cr') closed += '\n';
    else if (ending === 'none') closed += this.eol();
    const e = layout.entryCovering(this.locate(b).local);
    if (e >= 0) {
      // Where would the entry end if the file went on? At its own final LF, unless a continuation swallows it.
      const offset = (layout.entStart[e] ?? 0) - layout.lines.start(local);
      if (tokenizeEntry(closed, offset, false).end >= closed.length) closed += this.eol();
    }
    if (closed !== text) this.splice(a, b + 1, closed);
  }

  /** [header line, end) of each occurrence of a section, in document order. */
  private occurrenceRanges(name: string): [number, number][] {
    const view = this.view();
    const vs = view.byFolded.get(foldCase(name));
    if (!vs) return [];
    return vs.occurrences.map((h) => {
      const next = h + 1 < view.hdrLine.length ? (view.hdrLine[h + 1] ?? 0) : view.totalLines;
      return [view.hdrLine[h] ?? 0, next];
    });
  }

  private resolveTarget(target: InfLine | number): number {
    if (target instanceof InfLine) {
      if (target.doc !== this) throw new Error('the line belongs to another document');
      if (target.version !== this.versionNo) throw new Error(`stale line ${target.line}: the document was edited after this line was read; read it again`);
      return target.vline;
    }
    this.entryAt(target - 1);
    return target - 1;
  }

  /** The entry that starts on document line v. */
  private entryAt(v: number): InfLine {
    const view = this.view();
    if (!Number.isInteger(v) || v < 0 || v >= view.totalLines) throw new RangeError(`line ${v + 1} is outside 1..${view.totalLines}`);
    const { layout, local } = this.locate(v);
    const e = layout.firstEntryAtOrAfter(local);
    if (e >= layout.entCount || layout.entLine[e] !== local) throw new RangeError(`no entry starts on line ${v + 1}`);
    return new InfLine(this, layout, e, v, this.versionNo);
  }

  /** Indentation of the last entry of a section occurrence, reused for lines added to it. */
  private indentFor(vs: ViewSection, vFrom: number, vTo: number): string {
    const last = this.lastEntryIn(vs, vFrom, vTo, false);
    if (!last) return '';
    const L = last.layout;
    const s = L.entLine[last.entry] ?? 0;
    const indent = L.text.slice(L.lines.start(s), L.entStart[last.entry] ?? 0);
    return /^[ \t]*$/.test(indent) ? indent : '';
  }

  private lastEntryIn(vs: ViewSection, vFrom: number, vTo: number, keyed: boolean): InfLine | undefined {
    const lines = this.linesOf(vs);
    for (let k = lines.length - 1; k >= 0; k--) {
      const l = lines[k] as InfLine;
      if (l.vline < vFrom || l.vline >= vTo) continue;
      if (keyed && l.tokensForEdit().eqPos < 0) continue;
      return l;
    }
    return undefined;
  }

  /** Blanks around `=` of the last `key=value` entry in the occurrence (` = ` or `=`). */
  private separatorFor(vs: ViewSection, vFrom: number, vTo: number): [string, string] {
    const last = this.lastEntryIn(vs, vFrom, vTo, true);
    if (!last) return ['', ''];
    const t = last.tokensForEdit();
    const text = last.layout.text;
    let b = t.eqPos;
    while (b > 0 && (text.charCodeAt(b - 1) === 0x20 || text.charCodeAt(b - 1) === 0x09)) b--;
    const after = t.valueStart >= 0 ? text.slice(t.eqPos + 1, t.valueStart) : '';
    return [text.slice(b, t.eqPos), /^[ \t]*$/.test(after) ? after : ''];
  }

  private appendEntry(section: string, key: string | null, fields: readonly string[], keyValue: boolean): void {
    const view = this.view();
    const vs = view.byFolded.get(foldCase(section)) as ViewSection;
    const h = vs.occurrences[vs.occurrences.length - 1] as number;
    const vHeader = view.hdrLine[h] ?? 0;
    const vEnd = h + 1 < view.hdrLine.length ? (view.hdrLine[h + 1] ?? 0) : view.totalLines;
    let insertAt = this.unitAt(vHeader)[1] + 1;
    for (let v = vEnd - 1; v > vHeader; v--) {
      if (!this.isBlankLine(v)) {
        insertAt = this.unitAt(v)[1] + 1;
        break;
      }
    }
    const indent = this.indentFor(vs, vHeader, vEnd);
    let body: string;
    if (key !== null && (keyValue || fields.length > 0)) {
      const [before, after] = this.separatorFor(vs, vHeader, vEnd);
      body = `${formatField(key)}${before}=${after}${fields.map(formatField).join(',')}`;
    } else body = formatLine(key, fields);
    const text = indent + body + this.eol();
    this.checkEncodable(text);
    if (insertAt === view.totalLines) {
      this.closeLastUnit();
      insertAt = this.view().totalLines;
    }
    this.splice(insertAt, insertAt, text);
  }

  private replaceEntry(line: InfLine, key: string | null, fields: readonly string[], keepKeyText: boolean): void {
    const v = this.resolveTarget(line);
    const [vA, vB] = this.unitAt(v);
    const L = line.layout;
    const text = L.text;
    const t = line.tokensForEdit();
    const firstLocal = L.entLine[line.entry] ?? 0;
    const lastLocal = firstLocal + (vB - v);
    const unitFirst = firstLocal - (v - vA);
    const firstEnd = contentEnd(text, L.lines, firstLocal);
    const lastStart = L.lines.start(lastLocal);
    const lastEnd = contentEnd(text, L.lines, lastLocal);
    const ending = text.slice(lastEnd, L.lines.end(lastLocal));

    const indentRaw = text.slice(L.lines.start(firstLocal), L.entStart[line.entry] ?? 0);
    const indent = /^[ \t]*$/.test(indentRaw) ? indentRaw : '';
    let head: string;
    let body: string;
    if (key !== null && fields.length === 0) {
      head = indent;
      body = formatLine(key, []);
    } else if (key === null) {
      head = indent;
      body = formatLine(null, fields);
    } else {
      // Keep the key as written (case, quotes, spacing) when it is the same key on the first line.
      const sameLine = t.eqPos >= 0 && t.eqPos < firstEnd && unitFirst === firstLocal;
      if (keepKeyText && sameLine) {
        const after = t.valueStart >= 0 && t.valueStart <= firstEnd ? text.slice(t.eqPos + 1, t.valueStart) : '';
        head = text.slice(L.lines.start(firstLocal), t.eqPos + 1) + (/^[ \t]*$/.test(after) ? after : '');
      } else head = `${indent}${formatField(key)}=`;
      body = fields.map(formatField).join(',');
    }
    // Keep a trailing comment of the last physical line, with the blanks before it.
    let tail = '';
    if (t.commentPos >= lastStart && t.commentPos < lastEnd) {
      let b = t.commentPos;
      while (b > lastStart && isBlank(text.charCodeAt(b - 1)) && text.charCodeAt(b - 1) !== 0x0d) b--;
      tail = text.slice(b, lastEnd);
    }
    const replacement = head + body + tail + ending;
    this.checkEncodable(replacement);
    this.splice(vA, vB + 1, replacement);
  }
}

