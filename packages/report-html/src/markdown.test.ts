import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { codeSpan, escapeMarkdown, fence } from './escape.js';
import { renderMarkdownReport } from './markdown.js';
import { expectGolden } from './test-support/golden.js';
import { hostileReport, hostileString, markStrings } from './test-support/hostile.js';
import { SAMPLE_REPORT } from './test-support/sample.js';

/** Reverses escapeMarkdown's backslashes (what a CommonMark renderer shows). */
const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** A line as Markdown's inline parser sees it outside code spans, backslash escapes removed. */
function outsideCode(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\\') {
      i += 2;
      continue;
    }
    const run = /^`+/.exec(line.slice(i))?.[0];
    if (run === undefined) {
      out += line[i];
      i++;
      continue;
    }
    // The span closes at the next backtick run of exactly the same length.
    const re = /`+/g;
    re.lastIndex = i + run.length;
    let close = -1;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) {
      if (m[0].length === run.length) {
        close = m.index;
        break;
      }
    }
    if (close < 0) out += run;
    i = close < 0 ? i + run.length : close + run.length;
  }
  return out;
}

describe('renderMarkdownReport', () => {
  test('the sample report matches its golden file', () => {
    expectGolden('report.md', renderMarkdownReport(SAMPLE_REPORT));
  });

  test('property: escaped text shows as written, on one line, with no raw HTML, link or emphasis left', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const out = escapeMarkdown(s);
        expect(out).not.toMatch(/[\r\n]/);
        expect(unescape(out)).toBe(s.replace(/\r\n?|\n/g, ' '));
        // Every character Markdown could read as inline syntax is preceded by a backslash.
        expect(out.replace(/\\[!-/:-@[-`{-~]/g, '')).not.toMatch(/[<>[\]`*_|&\\~#]/);
      }),
    );
  });

  test('property: a code span holds any text literally and stays one span', () => {
    fc.assert(
      fc.property(hostileString, fc.boolean(), (s, table) => {
        const span = codeSpan(s, table);
        if (s === '') {
          expect(span).toBe('');
          return;
        }
        const bar = /^`+/.exec(span)?.[0] as string;
        expect(span.endsWith(bar)).toBe(true);
        let body = span.slice(bar.length, span.length - bar.length);
        // The parser strips one space each side when both are there and the body is not all spaces.
        if (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') body = body.slice(1, -1);
        expect(body.includes(bar)).toBe(false);
        expect(table ? body.replace(/\\\|/g, '|') : body).toBe(s.replace(/\r\n?|\n/g, ' '));
      }),
    );
  });

  test('property: a fence holds any text and nothing inside it can close it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), hostileString, (a, b) => {
        const text = `${a}${b}`;
        const block = fence(text);
        const lines = block.split('\n');
        const bar = lines[0] as string;
        expect(lines.at(-1)).toBe(bar);
        // No inner line is a closing fence (a run of at least as many backticks, alone but for spaces).
        for (const l of lines.slice(1, -1)) expect(l.trim().startsWith(bar) && /^`+$/.test(l.trim())).toBe(false);
        expect(lines.slice(1, -1).join('\n')).toBe(text.replace(/\r\n?/g, '\n').replace(/\n$/, ''));
      }),
    );
  });

  test('property: a hostile report renders every table row with the right number of cells', () => {
    fc.assert(
      fc.property(hostileReport, (raw) => {
        const { report } = markStrings(raw);
        const md = renderMarkdownReport(report);
        const lines = md.split('\n');
        // Outside fences, a table line has as many unescaped pipes as its header.
        let inFence: string | undefined;
        let columns: number | undefined;
        for (const l of lines) {
          // A backtick fence's info string holds no backtick (else the line is text with a code span).
          const f = /^(`{3,})[^`]*$/.exec(l)?.[1];
          if (inFence === undefined && f !== undefined) inFence = f;
          else if (inFence !== undefined && l.trim() === inFence) inFence = undefined;
          if (inFence !== undefined || f !== undefined) continue;
          // No raw HTML outside code; autolinks are the only <…> (and only for http, https, mailto).
          expect(outsideCode(l).replace(/<(?:https?|mailto):[^\s<>`\\|]*>/g, ''), l).not.toMatch(/<[A-Za-z!/?]/);
          if (!l.startsWith('| ')) {
            columns = undefined;
            continue;
          }
          // GFM splits a row at every pipe not preceded by a backslash, code spans included.
          const cells = l.split(/(?<!\\)\|/).length;
          columns ??= cells;
          expect(cells, l).toBe(columns);
        }
        expect(inFence).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });
});
