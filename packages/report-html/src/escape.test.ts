import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeHtml, linkTarget, slug } from './escape.js';
import { hostileString } from './test-support/hostile.js';

describe('linkTarget', () => {
  test.each([
    ['https://isdn.example/support', 'https://isdn.example/support'],
    ['  HTTP://Vendor.Example/a b  ', 'http://vendor.example/a%20b'],
    ['mailto:support@widget.example', 'mailto:support@widget.example'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    // The URL parser drops tabs and newlines inside the scheme, as browsers do: still javascript:.
    ['java\tscript:alert(1)', undefined],
    ['\u0001javascript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox', undefined],
    ['file:///etc/passwd', undefined],
    ['ftp://ftp.example/', undefined],
    ['www.vendor.example', undefined],
    ['/relative/path', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(linkTarget(input)).toBe(expected);
  });

  test('property: whatever the input, a link is http, https or mailto', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.webUrl(), fc.string({ unit: 'binary' })), (s) => {
        const href = linkTarget(s);
        if (href !== undefined) expect(new URL(href).protocol).toMatch(/^(https?|mailto):$/);
      }),
    );
  });
});

describe('escapeHtml', () => {
  test('property: the result holds no markup character and unescapes to the input', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.string({ unit: 'binary' })), (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"'\0]/);
        expect(out.replace(/&(?!amp;|lt;|gt;|quot;|#39;)/g, '')).toBe(out);
        const back = out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
        expect(back).toBe(s.replace(/\0/g, '\ufffd'));
      }),
    );
  });
});

describe('slug', () => {
  test('property: only id-safe characters', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        expect(slug(s)).toMatch(/^[A-Za-z0-9_-]*$/);
      }),
    );
  });
});
