// Text mode (spec §4.7): the answer file, every comment removed, becomes
// %SystemRoot%\System32\$Winnt$.inf. Nothing network-specific happens here.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '@netmigrate/atomic-file';
import type { TargetSystem } from '../target/target-system.js';

/**
 * Removes every comment: from a `;` outside quotes to the end of its line (SetupAPI's rule;
 * a quote left open runs to the end of the line, so quoting restarts on each line). A line
 * that was only a comment disappears; blanks before a removed comment go with it. Everything
 * else — quoting, blanks inside entries, line endings, a Ctrl-Z trailer — stays as it was.
 */
export function stripCommentsText(text: string): string {
  const parts = text.split(/(\r\n|\r|\n)/);
  let out = '';
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i] as string;
    const ending = parts[i + 1] ?? '';
    let cut = -1;
    let quoted = false;
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (c === '"') quoted = !quoted;
      else if (c === ';' && !quoted) {
        cut = j;
        break;
      }
    }
    if (cut === -1) {
      out += line + ending;
      continue;
    }
    const kept = line.slice(0, cut).replace(/[ \t]+$/, '');
    if (kept === '') continue; // a comment-only line goes whole
    out += kept + ending;
  }
  return out;
}

/**
 * The same on a file's bytes: UTF-16LE (with its BOM) is decoded and re-encoded; any other
 * file is handled byte for byte (`;` and `"` are single ASCII bytes in ANSI code pages and
 * never occur inside a UTF-8 sequence).
 */
export function stripComments(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = stripCommentsText(Buffer.from(bytes.subarray(2)).toString('utf16le'));
    return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  }
  return new Uint8Array(Buffer.from(stripCommentsText(Buffer.from(bytes).toString('latin1')), 'latin1'));
}

export interface TextModeResult {
  /** %SystemRoot%\System32\$Winnt$.inf inside the target. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Writes $Winnt$.inf (atomically: a rerun after a crash rewrites the same bytes). */
export async function runTextModePhase(answerFilePath: string, target: TargetSystem): Promise<TextModeResult> {
  return writeWinntInf(new Uint8Array(readFileSync(answerFilePath)), target);
}

/** Text mode on answer-file bytes already read. */
export async function writeWinntInf(answerFile: Uint8Array, target: TargetSystem): Promise<TextModeResult> {
  const bytes = stripComments(answerFile);
  await writeFileAtomic(target.winntInfPath, bytes);
  return { path: target.winntInfPath, bytes };
}
