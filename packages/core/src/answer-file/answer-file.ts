import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@netmigrate/atomic-file';
import { formatLine, parseInf, type InfDocument } from '@netmigrate/inf';
import { AnswerFileRecorder, replayOps, sectionKey } from '../answer/recorder.js';
import type { AnswerFileOp, AnswerFileReader, AnswerFileWriter } from '../answer/writer.js';
import { AnswerFileError } from '../contract/errors.js';
import type { NetmigrateEvents, WriteOrigin } from '../events/events.js';
import { AnswerFileStateError, AnswerFileTextError, PluginOpError } from './errors.js';
import { ENGINE_KEYS, ENGINE_SECTION_NAMES, PRE_UPGRADE_SECTION, TOP_LEVEL_SECTIONS, UPGRADE_SECTION, type TopLevelSection } from './names.js';
import { ANSWER_FILE_ENCODING, checkEntry, checkSectionName, EOL } from './text.js';

/** Who a section belongs to: the engine, or the plugin that created it. */
export type SectionOwner = { readonly kind: 'engine' } | { readonly kind: 'plugin'; readonly plugin: string };

const ENGINE: SectionOwner = Object.freeze({ kind: 'engine' });

/** A point the draft can be rolled back to. Opaque; valid until released or rolled past. */
export interface Savepoint {
  readonly label: string;
}

export interface RollbackSummary {
  readonly sectionsRemoved: number;
  readonly linesRemoved: number;
}

export interface CommitResult {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export type AnswerFileState = 'draft' | 'committed' | 'discarded';

/** The answer file as the rest of the engine may read it: no way to change it. */
export interface AnswerFileView extends AnswerFileReader {
  readonly state: AnswerFileState;
  /** Increases with every change, undo included. */
  readonly version: number;
  /** Section names in the order the file lists them. */
  sectionNames(): string[];
  sectionOwner(name: string): SectionOwner | undefined;
  /** The fields of the first entry with `key` (case-insensitive), substituted and joined with `,`: SetupFindFirstLine + SetupGetLineText. */
  value(section: string, key: string): string | undefined;
  /** The file as it would be written: CRLF line endings. */
  toText(): string;
  /** The file's bytes: Windows-1252. */
  toBytes(): Uint8Array;
  /** The file parsed by @netmigrate/inf, as SetupAPI reads it (key/field access, [Strings] substitution). */
  toDocument(): InfDocument;
}

interface LineRec {
  readonly text: string;
  readonly key: string | null;
  readonly writer: WriteOrigin;
}

interface SectionRec {
  readonly name: string;
  readonly owner: SectionOwner;
  readonly lines: LineRec[];
}

type JournalEntry =
  | { readonly op: 'add-section'; readonly section: SectionRec }
  | { readonly op: 'add-line'; readonly section: SectionRec }
  | { readonly op: 'remove-section'; readonly section: SectionRec; readonly index: number }
  | { readonly op: 'replace-line'; readonly section: SectionRec; readonly index: number; readonly previous: LineRec }
  | { readonly op: 'remove-line'; readonly section: SectionRec; readonly index: number; readonly previous: LineRec };

interface SavepointRec extends Savepoint {
  readonly mark: number;
}

export interface AnswerFileOptions {
  readonly events?: NetmigrateEvents;
}

/**
 * The winnt.sif draft of the Winnt32 phase: the engine's sections (top-level, parameters)
 * and what plugins add through NetUpgradeAddSection / NetUpgradeAddLineToSection semantics,
 * with savepoints so a failed component leaves nothing behind.
 *
 * Lines are kept as the text that will be written — a plugin's line is raw INF text it
 * quoted itself (spec §6.8) and must reach the file byte for byte — and every change goes
 * through a journal that savepoints roll back. The file is rendered (CRLF, Windows-1252) and
 * read back through @netmigrate/inf's parser, which is also how `toDocument()` answers.
 * Nothing touches the disk before `commit()`.
 */
export class AnswerFile {
  readonly #sections: SectionRec[] = [];
  readonly #byKey = new Map<string, SectionRec>();
  /** Names set aside for their future owner: the engine's sections, each component's OEM section. */
  readonly #reserved = new Map<string, SectionOwner>();
  readonly #journal: JournalEntry[] = [];
  readonly #savepoints: SavepointRec[] = [];
  readonly #events: NetmigrateEvents | undefined;
  #state: AnswerFileState = 'draft';
  #version = 0;
  #docCache: { version: number; doc: InfDocument } | undefined;
  readonly #view: AnswerFileView;

  constructor(options: AnswerFileOptions = {}) {
    this.#events = options.events;
    for (const name of ENGINE_SECTION_NAMES) this.#reserved.set(sectionKey(name), ENGINE);
    this.#view = this.#makeView();
  }

  get state(): AnswerFileState {
    return this.#state;
  }

  get version(): number {
    return this.#version;
  }

  /** A read-only facade on this draft (live: it shows later changes too). */
  view(): AnswerFileView {
    return this.#view;
  }

  // ---- reservations ------------------------------------------------------------------

  /**
   * Sets `name` aside for `owner` before it exists, so nobody else can create it first: the
   * engine's params sections for components still to come, a component's OEM section for its
   * plugin. Reserving a name for its current owner again is a no-op.
   */
  reserve(name: string, owner: SectionOwner): void {
    this.#writable();
    checkSectionName(name);
    const key = sectionKey(name);
    const holder = this.#reserved.get(key) ?? this.#byKey.get(key)?.owner;
    if (holder !== undefined && !sameOwner(holder, owner)) {
      throw new AnswerFileStateError(`cannot reserve section [${name}] for ${describeOwner(owner)}: it belongs to ${describeOwner(holder)}`);
    }
    this.#reserved.set(key, owner);
  }

  /**
   * The scope a plugin's writer gets (see AnswerFileRecorder): every section that exists or is
   * reserved and is not the plugin's is taken; the sections it created are its own.
   */
  scopeFor(plugin: string): { taken: string[]; owned: string[] } {
    const mine = (owner: SectionOwner): boolean => owner.kind === 'plugin' && owner.plugin === plugin;
    const taken = new Map<string, string>();
    for (const s of this.#sections) if (!mine(s.owner)) taken.set(sectionKey(s.name), s.name);
    for (const [key, owner] of this.#reserved) if (!mine(owner) && !taken.has(key)) taken.set(key, key);
    return { taken: [...taken.values()], owned: this.#sections.filter((s) => mine(s.owner)).map((s) => s.name) };
  }

  // ---- the engine's writes -----------------------------------------------------------

  /** Creates an engine section (empty) unless it exists already as the engine's. */
  ensureEngineSection(name: string, component?: string): void {
    this.#writable();
    const existing = this.#byKey.get(sectionKey(name));
    if (existing !== undefined) {
      if (existing.owner.kind !== 'engine') throw new AnswerFileStateError(`section [${name}] belongs to ${describeOwner(existing.owner)}; the engine cannot write to it`);
      return;
    }
    const reservedFor = this.#reserved.get(sectionKey(name));
    if (reservedFor !== undefined && reservedFor.kind !== 'engine') {
      throw new AnswerFileStateError(`section [${name}] is reserved for ${describeOwner(reservedFor)}; the engine cannot create it`);
    }
    checkSectionName(name);
    this.#addSection(name, ENGINE, engineWriter(component));
  }

  /**
   * Appends `key=field,field…` (quoted as SetupAPI needs) to an engine section, creating the
   * section when missing. Throws AnswerFileTextError for text Windows-1252 cannot hold.
   */
  addEngineLine(section: string, key: string | null, fields: readonly string[], component?: string): void {
    const text = formatEngineLine(section, key, fields);
    this.ensureEngineSection(section, component);
    const rec = this.#byKey.get(sectionKey(section)) as SectionRec;
    this.#addLine(rec, { text, key, writer: engineWriter(component) });
  }

  /** Sets `key` in an engine section: replaces its first entry with that key, or appends one. */
  setEngineValue(section: string, key: string, fields: readonly string[], component?: string): void {
    const text = formatEngineLine(section, key, fields);
    this.ensureEngineSection(section, component);
    const rec = this.#byKey.get(sectionKey(section)) as SectionRec;
    const index = rec.lines.findIndex((l) => l.key !== null && l.key.toLowerCase() === key.toLowerCase());
    const line: LineRec = { text, key, writer: engineWriter(component) };
    if (index < 0) {
      this.#addLine(rec, line);
      return;
    }
    const previous = rec.lines[index] as LineRec;
    rec.lines[index] = line;
    this.#record({ op: 'replace-line', section: rec, index, previous });
    this.#events?.emit('lineAdded', { section: rec.name, line: text, writer: line.writer });
  }

  /** Removes the first entry with `key` from an engine section (journaled). */
  removeEngineValue(section: string, key: string): boolean {
    this.#writable();
    const rec = this.#byKey.get(sectionKey(section));
    if (rec === undefined) return false;
    if (rec.owner.kind !== 'engine') throw new AnswerFileStateError(`section [${section}] belongs to ${describeOwner(rec.owner)}; the engine cannot change it`);
    const index = rec.lines.findIndex((l) => l.key !== null && l.key.toLowerCase() === key.toLowerCase());
    if (index < 0) return false;
    const [previous] = rec.lines.splice(index, 1) as [LineRec];
    this.#record({ op: 'remove-line', section: rec, index, previous });
    return true;
  }

  /** `<key>=<paramsSection>` in one of the five top-level sections. */
  addTopLevelEntry(section: TopLevelSection, key: string, paramsSection: string, component?: string): void {
    if (!(TOP_LEVEL_SECTIONS as readonly string[]).includes(section)) throw new AnswerFileStateError(`${section} is not a top-level network section`);
    const existing = this.#byKey.get(sectionKey(section));
    if (existing?.lines.some((l) => l.key?.toLowerCase() === key.toLowerCase())) {
      throw new AnswerFileStateError(`[${section}] already has an entry ${key}; every component needs its own key`);
    }
    this.addEngineLine(section, key, [paramsSection], component);
  }

  /** Removes an engine section with all its lines (journaled: a savepoint brings it back). */
  removeEngineSection(name: string): boolean {
    this.#writable();
    const rec = this.#byKey.get(sectionKey(name));
    if (rec === undefined) return false;
    if (rec.owner.kind !== 'engine') throw new AnswerFileStateError(`section [${name}] belongs to ${describeOwner(rec.owner)}; the engine cannot remove it`);
    const index = this.#sections.indexOf(rec);
    this.#sections.splice(index, 1);
    this.#byKey.delete(sectionKey(name));
    this.#record({ op: 'remove-section', section: rec, index });
    return true;
  }

  // ---- what plugins write ------------------------------------------------------------

  /**
   * Stages one component's validated writer ops, all or nothing. They are replayed through
   * the writer's rules against this file's own scope (the ops may come from another
   * process), then checked against the parser and code page, and refused when a line uses a
   * key only the engine writes (OemDllToLoad: GUI mode also reads it from the OEM section).
   * Throws PluginOpError naming the plugin, the component and the op; nothing is kept then.
   * `plugin` is the owner sections are recorded under (unique per plugin run); `label` is how
   * messages and events name the plugin (its quoted manifest name), `plugin` by default.
   */
  applyPluginOps(plugin: string, component: string, ops: readonly AnswerFileOp[], label = plugin): void {
    this.#writable();
    let accepted: readonly AnswerFileOp[];
    try {
      accepted = replayOps(ops, this.scopeFor(plugin));
    } catch (e) {
      const index = e instanceof AnswerFileError ? findOp(ops, e) : 0;
      throw new PluginOpError(label, component, index, (e as Error).message);
    }
    const checked = accepted.map((op, index) => {
      try {
        return op.kind === 'addSection' ? { op, key: null } : { op, key: pluginLineKey(op.section, op.line) };
      } catch (e) {
        throw new PluginOpError(label, component, index, (e as Error).message);
      }
    });
    const writer: WriteOrigin = { by: 'plugin', plugin: label, component };
    const owner: SectionOwner = { kind: 'plugin', plugin };
    for (const { op, key } of checked) {
      if (op.kind === 'addSection') {
        if (this.#byKey.has(sectionKey(op.name))) continue;
        checkSectionName(op.name);
        this.#addSection(op.name, owner, writer);
      } else {
        this.#addLine(this.#byKey.get(sectionKey(op.section)) as SectionRec, { text: op.line, key, writer });
      }
    }
  }

  /**
   * A writer that writes straight into this draft for `plugin` (for callers that run a hook
   * in-process without the sandbox session): the same rules as the recorder, each call applied
   * at once. Wrap the hook in a savepoint to undo its calls when it fails.
   */
  writerFor(plugin: string, component: string, label = plugin): AnswerFileWriter {
    const stage = (op: AnswerFileOp): void => {
      this.#writable();
      // The recorder throws the AnswerFileError a plugin expects for the writer's own rules.
      const recorder = new AnswerFileRecorder(this.scopeFor(plugin));
      if (op.kind === 'addSection') recorder.addSection(op.name);
      else recorder.addLine(op.section, op.line);
      try {
        this.applyPluginOps(plugin, component, recorder.ops, label);
      } catch (e) {
        if (!(e instanceof PluginOpError)) throw e;
        throw op.kind === 'addSection' ? new AnswerFileError('addSection', op.name, e.reason) : new AnswerFileError('addLine', op.section, e.reason, op.line);
      }
    };
    return Object.freeze({
      addSection: (name: string) => stage({ kind: 'addSection', name }),
      addLine: (section: string, line: string) => stage({ kind: 'addLine', section, line }),
    });
  }

  // ---- savepoints --------------------------------------------------------------------

  /** Marks the current state; `rollbackTo` returns to it. Savepoints nest. */
  savepoint(label: string): Savepoint {
    this.#writable();
    const sp: SavepointRec = Object.freeze({ label, mark: this.#journal.length });
    this.#savepoints.push(sp);
    return sp;
  }

  /**
   * Undoes every change made since `sp` and drops the savepoints opened after it; `sp` itself
   * stays, as SQL's ROLLBACK TO SAVEPOINT. `reason` goes into the savepointUndone event.
   */
  rollbackTo(sp: Savepoint, reason = 'rolled back'): RollbackSummary {
    this.#writable();
    const index = this.#indexOf(sp);
    const { mark } = this.#savepoints[index] as SavepointRec;
    this.#savepoints.length = index + 1;
    let sectionsRemoved = 0;
    let linesRemoved = 0;
    while (this.#journal.length > mark) {
      const entry = this.#journal.pop() as JournalEntry;
      switch (entry.op) {
        case 'add-section':
          this.#sections.splice(this.#sections.lastIndexOf(entry.section), 1);
          this.#byKey.delete(sectionKey(entry.section.name));
          sectionsRemoved++;
          // Lines added to it were undone before (the journal runs backwards).
          break;
        case 'add-line':
          entry.section.lines.pop();
          linesRemoved++;
          break;
        case 'remove-section':
          this.#sections.splice(entry.index, 0, entry.section);
          this.#byKey.set(sectionKey(entry.section.name), entry.section);
          break;
        case 'replace-line':
          entry.section.lines[entry.index] = entry.previous;
          break;
        case 'remove-line':
          entry.section.lines.splice(entry.index, 0, entry.previous);
          break;
      }
    }
    this.#version++;
    this.#events?.emit('savepointUndone', { label: sp.label, reason, sectionsRemoved, linesRemoved });
    return { sectionsRemoved, linesRemoved };
  }

  /** Keeps the changes made since `sp` and forgets `sp` and every savepoint opened after it. */
  release(sp: Savepoint): void {
    this.#writable();
    this.#savepoints.length = this.#indexOf(sp);
  }

  /** Savepoints currently open, oldest first. */
  get openSavepoints(): readonly Savepoint[] {
    return [...this.#savepoints];
  }

  // ---- output ------------------------------------------------------------------------

  /**
   * Writes the file atomically and durably (temp file, fsync, rename, fsync of the directory)
   * and closes the draft. The bytes are first read back through the INF parser and must give
   * exactly the sections and lines of the draft. Refused with a savepoint still open (a
   * component is half done) or after discard.
   */
  async commit(path: string): Promise<CommitResult> {
    this.#writable();
    if (this.#savepoints.length > 0) {
      throw new AnswerFileStateError(`cannot commit with savepoint(s) open (${this.#savepoints.map((s) => s.label).join(', ')}): a component is still being processed`);
    }
    const bytes = this.toBytes();
    this.#verify(bytes, path);
    // NetSetup creates $Win_nt$.~bt itself; the answer file's directory is ours to make.
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, bytes);
    this.#state = 'committed';
    const result = { path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    this.#events?.emit('answerFileCommitted', result);
    return result;
  }

  /** Closes the draft without writing anything; its content stays readable for the report. */
  discard(reason: 'cancelled' | 'aborted' | 'failed'): void {
    if (this.#state !== 'draft') return;
    this.#state = 'discarded';
    this.#savepoints.length = 0;
    this.#events?.emit('answerFileDiscarded', { reason });
  }

  toText(): string {
    let out = '';
    for (const s of this.#ordered()) {
      if (out !== '') out += EOL;
      out += `[${s.name}]${EOL}`;
      for (const l of s.lines) out += `${l.text}${EOL}`;
    }
    return out;
  }

  toBytes(): Uint8Array {
    // The string path of parseInf encodes (and refuses what Windows-1252 cannot hold).
    return parseInf(this.toText(), { encoding: ANSWER_FILE_ENCODING }).toBytes();
  }

  toDocument(): InfDocument {
    if (this.#docCache?.version !== this.#version) {
      this.#docCache = { version: this.#version, doc: parseInf(this.toBytes(), { codepage: ANSWER_FILE_ENCODING }) };
    }
    return this.#docCache.doc;
  }

  // ---- internals ---------------------------------------------------------------------

  #addSection(name: string, owner: SectionOwner, writer: WriteOrigin): void {
    const rec: SectionRec = { name, owner, lines: [] };
    this.#sections.push(rec);
    this.#byKey.set(sectionKey(name), rec);
    this.#record({ op: 'add-section', section: rec });
    this.#events?.emit('sectionAdded', { section: name, writer });
  }

  #addLine(section: SectionRec, line: LineRec): void {
    section.lines.push(line);
    this.#record({ op: 'add-line', section });
    this.#events?.emit('lineAdded', { section: section.name, line: line.text, writer: line.writer });
  }

  #record(entry: JournalEntry): void {
    this.#journal.push(entry);
    this.#version++;
  }

  #writable(): void {
    if (this.#state !== 'draft') throw new AnswerFileStateError(`the answer file was ${this.#state}; it cannot change any more`);
  }

  #indexOf(sp: Savepoint): number {
    const index = this.#savepoints.indexOf(sp as SavepointRec);
    if (index < 0) throw new AnswerFileStateError(`savepoint "${sp.label}" is not open (released, rolled past, or from another answer file)`);
    return index;
  }

  /** Top-level sections first in their fixed order, then the rest as they were created, our bookkeeping last. */
  #ordered(): SectionRec[] {
    const top = TOP_LEVEL_SECTIONS.map((n) => this.#byKey.get(sectionKey(n))).filter((s): s is SectionRec => s !== undefined);
    // Our bookkeeping goes last, in a fixed order.
    const last = [UPGRADE_SECTION, PRE_UPGRADE_SECTION].map((n) => this.#byKey.get(sectionKey(n))).filter((s): s is SectionRec => s !== undefined);
    return [...top, ...this.#sections.filter((s) => !top.includes(s) && !last.includes(s)), ...last];
  }

  /** The bytes must read back as the draft: same sections in the same order, same lines. */
  #verify(bytes: Uint8Array, path: string): void {
    const doc = parseInf(bytes, { fileName: path, codepage: ANSWER_FILE_ENCODING });
    const expected = this.#ordered();
    const actual = doc.sections();
    const problem = (what: string) => new AnswerFileStateError(`the answer file does not read back as written (${what}); nothing was written to ${path}`);
    if (actual.length !== expected.length) throw problem(`${actual.length} sections instead of ${expected.length}`);
    expected.forEach((s, i) => {
      const a = actual[i];
      if (a?.name !== s.name) throw problem(`section ${i + 1} is [${a?.name}] instead of [${s.name}]`);
      const lines = a.lines();
      if (lines.length !== s.lines.length) throw problem(`[${s.name}] has ${lines.length} entries instead of ${s.lines.length}`);
      s.lines.forEach((l, j) => {
        const raw = lines[j]?.raw.replace(/\r?\n?$/, '').replace(/\r$/, '');
        if (raw !== l.text) throw problem(`[${s.name}] entry ${j + 1} reads ${JSON.stringify(raw)} instead of ${JSON.stringify(l.text)}`);
      });
    });
  }

  #makeView(): AnswerFileView {
    const find = (name: string): SectionRec | undefined => this.#byKey.get(sectionKey(name));
    const methods = {
      sectionNames: () => this.#ordered().map((s) => s.name),
      hasSection: (name: string) => find(name) !== undefined,
      lines: (name: string) => find(name)?.lines.map((l) => l.text),
      sectionOwner: (name: string) => find(name)?.owner,
      value: (section: string, key: string) => {
        const line = find(section)?.lines.find((l) => l.key !== null && l.key.toLowerCase() === key.toLowerCase());
        if (line === undefined) return undefined;
        return this.toDocument().section(section)?.find(key)?.lineText();
      },
      entries: (section: string) => {
        if (find(section) === undefined) return undefined;
        return this.toDocument().section(section)?.lines().map((l) => Object.freeze({ key: l.key, fields: Object.freeze([...l.fields]) }));
      },
      toText: () => this.toText(),
      toBytes: () => this.toBytes(),
      toDocument: () => this.toDocument(),
    };
    return Object.freeze(
      Object.defineProperties(methods, {
        state: { get: () => this.#state, enumerable: true },
        version: { get: () => this.#version, enumerable: true },
      }) as AnswerFileView,
    );
  }
}

function formatEngineLine(section: string, key: string | null, fields: readonly string[]): string {
  let text: string;
  try {
    text = formatLine(key, fields);
  } catch (e) {
    throw new AnswerFileTextError(section, `${key ?? ''}=${fields.join(',')}`, ((e as { index?: number }).index ?? 0) + 1, (e as Error).message);
  }
  checkEntry(section, text);
  return text;
}

/** The key of a plugin's line, after the parser and code-page check; refuses engine-only keys. */
function pluginLineKey(section: string, line: string): string | null {
  const { key } = checkEntry(section, line);
  const engineKey = ENGINE_KEYS.find((k) => key !== null && key.toLowerCase() === k.toLowerCase());
  if (engineKey !== undefined) {
    throw new AnswerFileTextError(
      section,
      line,
      1,
      `${engineKey} is written by the engine (into the parameters section, when DoPreUpgradeProcessing returns NUA.LoadPostUpgrade); GUI mode also reads it from the OEM section, so a plugin may not write it`,
    );
  }
  return key;
}

function findOp(ops: readonly AnswerFileOp[], e: AnswerFileError): number {
  const index = ops.findIndex((op) => (op.kind === 'addSection' ? op.name === e.section && e.operation === 'addSection' : op.section === e.section && op.line === e.line));
  return Math.max(index, 0);
}

function engineWriter(component: string | undefined): WriteOrigin {
  return component === undefined ? { by: 'engine' } : { by: 'engine', component };
}

function sameOwner(a: SectionOwner, b: SectionOwner): boolean {
  return a.kind === b.kind && (a.kind === 'engine' || a.plugin === (b as { plugin: string }).plugin);
}

function describeOwner(owner: SectionOwner): string {
  return owner.kind === 'engine' ? 'the engine' : `plugin ${owner.plugin}`;
}
