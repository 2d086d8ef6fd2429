import fc from 'fast-check';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { describe, expect, test } from 'vitest';
import { linkTarget } from './escape.js';
import { CONTENT_SECURITY_POLICY, renderHtmlReport } from './html.js';
import type { NetmigrateReport } from './input.js';
import { expectGolden } from './test-support/golden.js';
import { hostileReport, markStrings } from './test-support/hostile.js';
import { SAMPLE_REPORT } from './test-support/sample.js';

/** The only elements and attributes the report may contain, whatever its input. */
const ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'span', 'strong', 'time', 'nav', 'ul', 'li', 'a', 'main', 'section', 'div',
  'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'br', 'article', 'dl', 'dt', 'dd', 'code', 'details', 'summary', 'pre', 'iframe', 'footer',
]);
const ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'rel', 'title', 'role', 'aria-label', 'aria-labelledby', 'aria-hidden', 'scope', 'colspan', 'open', 'sandbox', 'srcdoc', 'referrerpolicy', 'data-status']);
/** Errors the input's own characters cause (they are kept as text); any other means broken markup. */
const CHARACTER_ERRORS = new Set(['control-character-in-input-stream', 'noncharacter-in-input-stream', 'surrogate-in-input-stream']);

interface Parsed {
  elements: T.Element[];
  /** Every text node and attribute value, each followed by U+FFFF (not produced by the generators' markers). */
  haystack: string;
  errors: string[];
}

function parseHtml(html: string): Parsed {
  const errors: string[] = [];
  const doc = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  const elements: T.Element[] = [];
  const texts: string[] = [];
  const walk = (node: T.ParentNode) => {
    for (const child of node.childNodes) {
      if (child.nodeName === '#text') texts.push((child as T.TextNode).value);
      else if ('tagName' in child) {
        elements.push(child);
        for (const a of child.attrs) texts.push(a.value);
        walk(child.nodeName === 'template' ? (child as T.Template).content : child);
      }
    }
  };
  walk(doc);
  return { elements, haystack: texts.join('\uffff'), errors: errors.filter((e) => !CHARACTER_ERRORS.has(e.split(' ')[0] as string)) };
}

/** What the HTML parser makes of a string: CR and CRLF become LF, NUL becomes U+FFFD (escapeHtml's doing). */
const parsed = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\0/g, '\ufffd');

const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

function urlsOf(report: NetmigrateReport): string[] {
  return report.components.flatMap((c) => (c.vendorInfo === undefined ? [] : [c.vendorInfo.supportUrl]));
}

describe('renderHtmlReport', () => {
  test('the sample report matches its golden file', () => {
    expectGolden('report.html', renderHtmlReport(SAMPLE_REPORT));
  });

  test('a report without components, answer file or apply part matches its golden file', () => {
    expectGolden('empty.html', renderHtmlReport({ schemaVersion: 1, run: { status: 'committed' }, components: [], diagnostics: [] }));
  });

  test('the sample parses without errors into the allowed vocabulary, one row per component', () => {
    const p = parseHtml(renderHtmlReport(SAMPLE_REPORT));
    expect(p.errors).toEqual([]);
    expect(p.elements.filter((e) => !ELEMENTS.has(e.tagName)).map((e) => e.tagName)).toEqual([]);
    const rows = p.elements.filter((e) => e.tagName === 'tr' && attr(e, 'data-status') !== undefined);
    expect(rows.map((r) => attr(r, 'data-status'))).toEqual(SAMPLE_REPORT.components.map((c) => c.status));
    const csp = p.elements.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(csp as T.Element, 'content')).toBe(CONTENT_SECURITY_POLICY);
  });

  test('property: no string of the input becomes markup, and every link is http, https, mailto or in-page', () => {
    fc.assert(
      fc.property(hostileReport, (raw) => {
        const { report, marked } = markStrings(raw);
        const html = renderHtmlReport(report);
        const p = parseHtml(html);
        expect(p.errors).toEqual([]);
        expect(p.elements.filter((e) => !ELEMENTS.has(e.tagName)).map((e) => e.tagName)).toEqual([]);
        for (const el of p.elements) {
          expect(el.attrs.filter((a) => !ATTRIBUTES.has(a.name)).map((a) => a.name)).toEqual([]);
        }
        // A string that shows up at all shows up whole.
        for (const m of marked) {
          const open = m.slice(0, m.indexOf('»') + 1);
          if (p.haystack.includes(open)) expect(p.haystack, `a string was altered: ${JSON.stringify(m)}`).toContain(parsed(m));
        }
        // The strings that must be on the page are.
        const required = [
          ...report.components.flatMap((c) => [c.preNT5Instance, c.detail, ...(c.help?.txt === undefined ? [] : [c.help.txt]), ...(c.help?.htm === undefined ? [] : [c.help.htm])]),
          ...report.diagnostics.map((d) => d.message),
          ...(report.answerFile?.sections.flatMap((s) => [s.name, ...s.lines]) ?? []),
        ];
        for (const r of required) expect(p.haystack).toContain(parsed(r));

        const ids = new Set(p.elements.map((e) => attr(e, 'id')).filter((id) => id !== undefined));
        expect(ids.size, 'ids are unique').toBe(p.elements.filter((e) => attr(e, 'id') !== undefined).length);
        const allowedLinks = new Set(urlsOf(report).map(linkTarget).filter((u) => u !== undefined));
        for (const a of p.elements.filter((e) => e.tagName === 'a')) {
          const href = attr(a, 'href') as string;
          if (href.startsWith('#')) expect(ids.has(href.slice(1)), `in-page link ${href} has a target`).toBe(true);
          else expect(allowedLinks.has(href), `link ${href}`).toBe(true);
          expect(/^(https?:|mailto:|#)/.test(href)).toBe(true);
        }
        // Help pages only in frames sandboxed with no permission at all.
        const frames = p.elements.filter((e) => e.tagName === 'iframe');
        expect(frames.map((f) => attr(f, 'srcdoc'))).toEqual(report.components.flatMap((c) => (c.help?.htm === undefined ? [] : [parsed(c.help.htm)])));
        for (const f of frames) expect(attr(f, 'sandbox')).toBe('');
        expect(p.elements.filter((e) => e.tagName === 'tr' && attr(e, 'data-status') !== undefined)).toHaveLength(report.components.length);
      }),
      { numRuns: 150 },
    );
  });
});
