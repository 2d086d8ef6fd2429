// The HTML report in a real browser: Debian's Chromium driven by playwright-core. It checks
// what only a browser can tell: that the rows, badges and links are there, that a script in a
// vendor's help page and markup in a component name do not run, that the page works without
// JavaScript, prints its folded parts, has a dark mode, and makes no network request at all.
// "No request" is judged three ways: a canary HTTP server that every URL in the hostile input
// points at must see no hit; a route on the browser context that every request leaving the
// browser goes through must see none; and every request Chromium merely creates (its preload
// scanner does, for resources of a help page) must end refused by the Content-Security-Policy.
// The screenshots (the whole page in light mode; the first screen dark and printed) and the
// page itself go to test/artifacts/ (gitignored) for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderHtmlReport, type NetmigrateReport, type ReportComponent } from '@netmigrate/report-html';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE_REPORT } from '../packages/report-html/src/test-support/sample.js';

/** What the page callbacks read of the browser's globals (this program has no DOM types). */
interface PageGlobals {
  __pwned?: string;
  __helpRan?: number;
  document: { readyState: string };
  getComputedStyle(element: unknown): { backgroundColor: string };
}
interface DOMTokens {
  contains(token: string): boolean;
}

const CHROMIUM = process.env.NETMIGRATE_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** Every way a help page could try to run code or reach the network; `U` is the canary server. */
function evilHelp(U: string): string {
  return [
    '<html><head><title>evil help</title>',
    `<meta http-equiv="refresh" content="0;url=${U}/refresh">`,
    `<link rel="stylesheet" href="${U}/style.css"><link rel="prefetch" href="${U}/prefetch"><link rel="preload" as="image" href="${U}/preload"><link rel="icon" href="${U}/icon">`,
    '<script>window.__helpRan = 1; try { window.parent.__pwned = "parent" } catch (e) {} try { top.document.title = "pwned" } catch (e) {}',
    `console.log("pwned: help script ran"); fetch("${U}/fetch").catch(() => {});</script>`,
    `<script src="${U}/external.js"></script>`,
    `<style>@import "${U}/import.css"; body { background: url(${U}/css-bg) } @font-face { font-family: x; src: url(${U}/font) } p { font-family: x }</style>`,
    `</head><body onload="console.log('pwned: onload')" background="${U}/body-bg">`,
    '<h1 id="evil-heading">Evil Corp help</h1>',
    `<p style="background: url(${U}/inline-style)">text</p>`,
    `<img src="${U}/pixel.png" onerror="console.log('pwned: img onerror')"><img srcset="${U}/srcset 1x"><picture><source srcset="${U}/source"></picture>`,
    `<video poster="${U}/poster" src="${U}/video"></video><audio src="${U}/audio"></audio><input type="image" src="${U}/input-image">`,
    `<svg onload="console.log('pwned: svg onload')"><image href="${U}/svg-image"/></svg>`,
    `<iframe src="${U}/frame"></iframe><object data="${U}/object"></object><embed src="${U}/embed">`,
    `<form action="${U}/form"><input autofocus onfocus="console.log('pwned: autofocus')" name="q"></form>`,
    `<a id="evil-link" href="javascript:console.log('pwned: link')" ping="${U}/ping">click</a>`,
    '</body></html>',
  ].join('\n');
}
const EVIL_NAME = '<img src=x onerror="window.__pwned=\'name\';console.log(\'pwned: name\')">';

function evilComponent(U: string): ReportComponent {
  return {
    kind: 'adapter', preNT5InfId: 'EVIL"><script>console.log("pwned: id")</script>', preNT5Instance: EVIL_NAME, title: '</td></tr></table><script>console.log("pwned: title")</script>',
    status: 'not-supported', nt5InfId: 'evil',
    vendorInfo: { companyName: `Evil Corp <b>bold</b><img src="${U}/company">`, supportNumber: '&lt;not-an-entity&gt;', supportUrl: 'javascript:console.log("pwned: vendor url")', instructionsToUser: '</iframe><script>console.log("pwned: instructions")</script>' },
    helpFiles: { txt: 'evil.txt', htm: 'evil.htm', source: 'vendor', exists: { txt: true, htm: true } },
    help: { txt: '</pre><script>console.log("pwned: txt")</script>', htm: evilHelp(U) },
    detail: 'its netmap.inf marks it NotSupported',
  };
}

const LABEL: Record<string, string> = { 'built-in': 'built in', upgraded: 'upgraded by plugin', 'not-supported': 'not supported', 'no-mapping': 'no mapping', failed: 'failed', 'not-run': 'not run' };

let browser: Browser | undefined;
let reportUrl: string;
let REPORT: NetmigrateReport;
let EVIL_COMPONENT: ReportComponent;
/** The canary: every URL of the hostile input points here, and nothing may arrive. */
let canary: Server | undefined;
const canaryHits: string[] = [];
const started = performance.now();

interface Watch {
  page: Page;
  context: BrowserContext;
  /** Requests Chromium created (other than the report file) → how each ended. */
  requests: Map<string, string>;
  /** Requests that left the browser (through the context's route), refused there. */
  routed: string[];
  console: string[];
  errors: string[];
}

/** A fresh context on the report, every request watched. */
async function open(options: BrowserContextOptions = {}): Promise<Watch> {
  const context = await (browser as Browser).newContext(options);
  const page = await context.newPage();
  const watch: Watch = { page, context, requests: new Map(), routed: [], console: [], errors: [] };
  await context.route('**/*', (route) => {
    if (route.request().url() === reportUrl) return route.continue();
    watch.routed.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  page.on('request', (r) => r.url() !== reportUrl && watch.requests.set(r.url(), 'pending'));
  page.on('requestfailed', (r) => r.url() !== reportUrl && watch.requests.set(r.url(), r.failure()?.errorText ?? 'failed'));
  page.on('requestfinished', (r) => r.url() !== reportUrl && watch.requests.set(r.url(), 'finished'));
  page.on('console', (m) => watch.console.push(m.text()));
  page.on('pageerror', (e) => watch.errors.push(e.message));
  await page.goto(reportUrl, { waitUntil: 'load' });
  return watch;
}

/**
 * Nothing reached the network: no hit on the canary, nothing through the route, and every
 * request Chromium created ended refused by the page's Content-Security-Policy (`csp`).
 */
async function expectNoNetwork(w: Watch): Promise<void> {
  expect(w.routed).toEqual([]);
  await expect.poll(() => [...w.requests].filter(([, how]) => how !== 'csp'), { timeout: 5000 }).toEqual([]);
  expect(canaryHits).toEqual([]);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}, and the HTML report must be tested in a real browser. ` +
        `Install it (Debian: apt-get update && apt-get install -y chromium) or point NETMIGRATE_CHROMIUM at a Chromium or Chrome binary.`,
    );
  }
  canary = createServer((req, res) => {
    canaryHits.push(req.url ?? '');
    res.end();
  });
  await new Promise<void>((resolve) => (canary as Server).listen(0, '127.0.0.1', resolve));
  const U = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
  EVIL_COMPONENT = evilComponent(U);
  REPORT = { ...SAMPLE_REPORT, components: [...SAMPLE_REPORT.components, EVIL_COMPONENT] };
  const dir = mkdtempSync(join(tmpdir(), 'netmigrate-report-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, renderHtmlReport(REPORT));
  reportUrl = pathToFileURL(file).href;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  } catch (e) {
    throw new Error(`Chromium at ${CHROMIUM} did not start under playwright-core: ${(e as Error).message.split('\n')[0]}. Reinstall it (apt-get install -y --reinstall chromium) or set NETMIGRATE_CHROMIUM.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (canary === undefined ? resolve(undefined) : canary.close(resolve)));
  // Not an assertion: the figure goes to the log so the 30 s budget can be watched.
  console.log(`report-html Chromium test: ${Math.round(performance.now() - started)} ms (browser launch included)`);
});

describe('the HTML report in headless Chromium', () => {
  test('one row per component with its status label, vendor links only for safe URLs', async () => {
    const w = await open();
    const rows = w.page.locator('table.components tbody tr[data-status]');
    await expect(rows.count()).resolves.toBe(REPORT.components.length);
    const statuses = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-status'), tr.querySelector('.badge')?.textContent?.trim()]));
    expect(statuses).toEqual(REPORT.components.map((c) => [c.status, `${badgeSymbol(c.status)} ${LABEL[c.status]}`]));
    // Summary counts agree with the table.
    const counts = await w.page.locator('ul.counts li').evaluateAll((lis) => lis.map((li) => [li.querySelector('.n')?.textContent, li.querySelector('.badge')?.textContent?.trim()]));
    expect(counts).toEqual(Object.keys(LABEL).map((s) => [String(REPORT.components.filter((c) => c.status === s).length), `${badgeSymbol(s)} ${LABEL[s]}`]));

    const isdnRow = w.page.locator('#row-c2-IsdnCard1');
    await expect(isdnRow.locator('a[href^="http"]').getAttribute('href')).resolves.toBe('https://isdn.example/support?q=a&b=c');
    const widgetRow = w.page.locator('#row-c6-WidgetClient');
    await expect(widgetRow.locator('a[href^="mailto:"]').getAttribute('href')).resolves.toBe('mailto:support@widget.example');
    // A URL without a scheme and a javascript: URL are text, not links.
    await expect(w.page.locator('#row-c5-IsdnCard2 a[href^="http"], #row-c5-IsdnCard2 a[href^="isdn"]').count()).resolves.toBe(0);
    await expect(w.page.locator('#row-c5-IsdnCard2').textContent()).resolves.toContain('isdn.example/support');
    const hrefs = await w.page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') as string));
    expect(hrefs.filter((h) => !/^(https?:|mailto:|#)/.test(h))).toEqual([]);
    for (const h of hrefs.filter((x) => x.startsWith('#'))) await expect(w.page.locator(`[id="${h.slice(1)}"]`).count(), h).resolves.toBe(1);
    // Accessible table markup.
    await expect(w.page.locator('table.components caption').count()).resolves.toBe(1);
    await expect(w.page.locator('table.components thead th[scope="col"]').count()).resolves.toBe(7);
    await expect(w.page.locator('table.components tbody th[scope="row"]').count()).resolves.toBe(REPORT.components.length);
    await expectNoNetwork(w);
    await w.context.close();
  });

  test('vendor HTML help is in a frame sandboxed without allow-scripts, and its scripts do not run', async () => {
    const w = await open();
    const frames = w.page.locator('iframe.help');
    await expect(frames.count()).resolves.toBe(REPORT.components.filter((c) => c.help?.htm !== undefined).length);
    const sandboxes = await frames.evaluateAll((fs) => fs.map((f) => ({ attr: f.getAttribute('sandbox'), scripts: (f as unknown as { sandbox: DOMTokens }).sandbox.contains('allow-scripts'), src: f.getAttribute('src') })));
    for (const s of sandboxes) expect(s).toEqual({ attr: '', scripts: false, src: null });

    // The help is shown (its heading renders) but nothing in it ran.
    const evil = w.page.frameLocator('iframe.help >> nth=-1');
    await expect(evil.locator('#evil-heading').textContent()).resolves.toBe('Evil Corp help');
    // The help frames stay on about:srcdoc (a meta refresh is refused in the sandbox); the frame
    // inside the help page is refused by the inherited policy and shows Chromium's error page.
    const helpFrames = w.page.frames().filter((f) => f.parentFrame() === w.page.mainFrame());
    expect(helpFrames.map((f) => f.url())).toEqual(sandboxes.map(() => 'about:srcdoc'));
    const nested = w.page.frames().filter((f) => f !== w.page.mainFrame() && !helpFrames.includes(f));
    expect(nested.length).toBeGreaterThan(0);
    for (const f of nested) expect(f.url()).toMatch(/^(chrome-error:|about:blank$)/);
    // Unfolded and clicked, its javascript: link does nothing either.
    await w.page.locator('details:has(iframe.help) summary').last().click({ timeout: 5000 });
    await evil.locator('#evil-link').click({ timeout: 5000 });
    await expect(w.page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).resolves.toBeUndefined();
    await expect(w.page.title()).resolves.toBe(REPORT.title);
    // Inside the help frames (read through the DevTools protocol, which the sandbox does not stop) nothing was set.
    const helpWindows = await Promise.all(helpFrames.map((f) => f.evaluate(() => [(globalThis as unknown as PageGlobals).document.readyState, (globalThis as unknown as PageGlobals).__helpRan ?? 'not run'])));
    expect(helpWindows).toEqual(helpFrames.map(() => ['complete', 'not run']));
    expect(w.console.filter((m) => m.includes('pwned'))).toEqual([]);
    expect(w.errors).toEqual([]);
    await expectNoNetwork(w);
    await w.context.close();
  });

  test('a component name holding <img onerror> creates no element and shows literally', async () => {
    const w = await open();
    await expect(w.page.locator('img').count()).resolves.toBe(0);
    await expect(w.page.locator('main script, body script').count()).resolves.toBe(0);
    await expect(w.page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).resolves.toBeUndefined();
    const row = w.page.locator('table.components tbody tr').last();
    await expect(row.locator('th[scope="row"] a').textContent()).resolves.toBe(EVIL_NAME);
    await expect(row.textContent()).resolves.toContain('Evil Corp <b>bold</b><img src=');
    await expect(row.textContent()).resolves.toContain('&lt;not-an-entity&gt;');
    // The help text is plain text, closing tags and all.
    await expect(w.page.locator('article.component').last().locator('pre').textContent()).resolves.toBe(EVIL_COMPONENT.help?.txt);
    expect(w.console.filter((m) => m.includes('pwned'))).toEqual([]);
    await expectNoNetwork(w);
    await w.context.close();
  });

  test('works with JavaScript disabled; screenshots in light, dark and print', async () => {
    const w = await open({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await expect(w.page.locator('table.components tbody tr[data-status]').count()).resolves.toBe(REPORT.components.length);
    await expect(w.page.locator('#c2-IsdnCard1 h3').isVisible()).resolves.toBe(true);
    // <details> opens without script.
    const whole = w.page.locator('#answer-file > details').last();
    await expect(whole.locator('pre').isVisible()).resolves.toBe(false);
    await whole.locator('summary').click();
    await expect(whole.locator('pre').isVisible()).resolves.toBe(true);
    await w.page.locator('#answer-file > details').last().locator('summary').click();
    await w.page.screenshot({ path: join(ARTIFACTS, 'report-html.png'), fullPage: true });

    // Print: folded parts print unfolded, the navigation does not.
    await w.page.emulateMedia({ media: 'print' });
    await expect(whole.locator('pre').isVisible()).resolves.toBe(true);
    await expect(w.page.locator('nav').isVisible()).resolves.toBe(false);
    await w.page.locator('h1').scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: join(ARTIFACTS, 'report-html-print.png') });

    await w.page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    const dark = await w.page.locator('body').evaluate((b) => (globalThis as unknown as PageGlobals).getComputedStyle(b).backgroundColor);
    await w.page.emulateMedia({ colorScheme: 'light' });
    const light = await w.page.locator('body').evaluate((b) => (globalThis as unknown as PageGlobals).getComputedStyle(b).backgroundColor);
    expect([light, dark]).toEqual(['rgb(255, 255, 255)', 'rgb(13, 17, 23)']);
    await w.page.emulateMedia({ colorScheme: 'dark' });
    await w.page.locator('h1').scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: join(ARTIFACTS, 'report-html-dark.png') });
    writeFileSync(join(ARTIFACTS, 'report-html.html'), renderHtmlReport(REPORT));
    expect(w.console.filter((m) => m.includes('pwned'))).toEqual([]);
    await expectNoNetwork(w);
    await w.context.close();
  });
});

function badgeSymbol(status: string): string {
  return { 'built-in': '✓', upgraded: '↑', 'not-supported': '✕', 'no-mapping': '?', failed: '!', 'not-run': '–' }[status] ?? '';
}
