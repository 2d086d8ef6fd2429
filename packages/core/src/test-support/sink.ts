import { sectionKey } from '../answer/recorder.js';
import type { AnswerFileOp } from '../answer/writer.js';
import type { ComponentRef } from '../sandbox/hook-call.js';
import type { PreUpgradeSink } from '../sandbox/session.js';

/** An answer-file draft in memory: sections in order, with their lines. */
export class MemorySink implements PreUpgradeSink {
  readonly sections = new Map<string, { name: string; lines: string[] }>();
  readonly staged: { component: string; ops: readonly AnswerFileOp[] }[] = [];

  constructor(engineSections: Record<string, string[]> = {}) {
    for (const [name, lines] of Object.entries(engineSections)) this.sections.set(sectionKey(name), { name, lines: [...lines] });
  }

  sectionNames(): string[] {
    return [...this.sections.values()].map((s) => s.name);
  }

  stage(component: ComponentRef, ops: readonly AnswerFileOp[]): void {
    this.staged.push({ component: component.preNT5Instance, ops });
    for (const op of ops) {
      if (op.kind === 'addSection') this.sections.set(sectionKey(op.name), { name: op.name, lines: [] });
      else this.sections.get(sectionKey(op.section))?.lines.push(op.line);
    }
  }

  lines(section: string): string[] | undefined {
    return this.sections.get(sectionKey(section))?.lines;
  }
}
