import { AnswerFileError } from '../contract/errors.js';
import { lineProblem, sectionNameProblem } from './limits.js';
import type { AnswerFileOp, AnswerFileWriter } from './writer.js';

export interface RecorderScope {
  /** Sections that exist but are not this plugin's (the engine's, other plugins'). */
  readonly taken?: Iterable<string>;
  /** Sections this plugin created earlier in this run, for components that succeeded. */
  readonly owned?: Iterable<string>;
}

/** INF section names compare case-insensitively. */
export const sectionKey = (name: string): string => name.toLowerCase();

/**
 * The validating writer: checks each call against the INF rules and the plugin's scope, and
 * records the accepted ones as ops for the engine to stage. It never touches an answer file,
 * so throwing the ops away is the whole rollback.
 */
export class AnswerFileRecorder implements AnswerFileWriter {
  // Truly private (#): the plugin holds this object and must not reach the list or the scope.
  readonly #taken: Set<string>;
  readonly #visible: Set<string>;
  readonly #recorded: AnswerFileOp[] = [];

  constructor(scope: RecorderScope = {}) {
    this.#taken = new Set([...(scope.taken ?? [])].map(sectionKey));
    this.#visible = new Set([...(scope.owned ?? [])].map(sectionKey));
  }

  /** A copy of the ops recorded so far. */
  get ops(): readonly AnswerFileOp[] {
    return this.#recorded.map((op) => ({ ...op }));
  }

  addSection(name: string): void {
    const problem = sectionNameProblem(name);
    if (problem !== undefined) throw new AnswerFileError('addSection', String(name), problem);
    const key = sectionKey(name);
    // Adding a section the plugin already has merges into it, as INF duplicate sections do.
    if (this.#visible.has(key)) return;
    if (this.#taken.has(key)) {
      throw new AnswerFileError('addSection', name, 'a section of that name already exists and belongs to the engine or another plugin');
    }
    this.#visible.add(key);
    this.#recorded.push({ kind: 'addSection', name });
  }

  addLine(section: string, line: string): void {
    const nameProblem = sectionNameProblem(section);
    if (nameProblem !== undefined) throw new AnswerFileError('addLine', String(section), nameProblem, String(line));
    if (!this.#visible.has(sectionKey(section))) {
      throw new AnswerFileError(
        'addLine',
        section,
        'no such section: a plugin can add lines only to sections it added itself with addSection in this run',
        line,
      );
    }
    const problem = lineProblem(line);
    if (problem !== undefined) throw new AnswerFileError('addLine', section, problem, line);
    this.#recorded.push({ kind: 'addLine', section, line });
  }
}

/**
 * Re-validates ops that came from somewhere untrusted (the sandbox child) by replaying them
 * through a fresh recorder. Returns the ops as that recorder accepted them; throws the first
 * AnswerFileError, or a TypeError for anything that is not an op at all.
 */
export function replayOps(ops: unknown, scope: RecorderScope): readonly AnswerFileOp[] {
  if (!Array.isArray(ops)) throw new TypeError('answer-file ops must be an array');
  const recorder = new AnswerFileRecorder(scope);
  ops.forEach((op: unknown, index) => {
    if (typeof op !== 'object' || op === null) throw new TypeError(`answer-file op ${index} is not an object`);
    const { kind, name, section, line } = op as Record<string, unknown>;
    if (kind === 'addSection') recorder.addSection(name as string);
    else if (kind === 'addLine') recorder.addLine(section as string, line as string);
    else throw new TypeError(`answer-file op ${index} has unknown kind ${JSON.stringify(kind)}`);
  });
  return recorder.ops;
}
