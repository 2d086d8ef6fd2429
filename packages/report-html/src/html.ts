// The report as one HTML file that needs nothing else: inline CSS, no script, no fonts, no
// images. Its Content-Security-Policy forbids every fetch and every script, and the sandboxed
// help frames inherit it. Every string of the report goes through escapeHtml; links only
// for http, https and mailto URLs.

import type { EngineDiagnostic, ReportStatus } from '@netmigrate/core';
import { escapeHtml as e, linkTarget, slug } from './escape.js';
import { countStatuses, STATUSES, type AnswerFileSection, type NetmigrateReport, type PostUpgradeReport, type RegistryChange, type ReportComponent } from './input.js';
import { changeLook, describeUpgrade, hex32, ownerKey, pluginsByOwner, reportTitle, STATUS_LOOK, symbolOf, toneOf, where, type Tone } from './labels.js';
import { STYLE } from './style.js';

/** No script, no fetch of any kind; inline styles only. Help frames (srcdoc) inherit it. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Registry change tables this long start folded. */
const OPEN_CHANGES_LIMIT = 200;

/** The report as a self-contained HTML document (UTF-8). */
export function renderHtmlReport(report: NetmigrateReport): string {
  const ids = componentIds(report.components);
  const sectionIds = answerSectionIds(report.answerFile?.sections ?? []);
  const title = reportTitle(report);
  const nav: [string, string][] = [
    ['summary', 'Summary'],
    ['components', 'Components'],
    ['details', 'Component details'],
    ...(report.answerFile === undefined ? [] : ([['answer-file', 'Answer file']] as [string, string][])),
    ['diagnostics', 'Diagnostics'],
    ...(report.apply === undefined ? [] : ([['apply', 'Apply']] as [string, string][])),
  ];
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="netmigrate @netmigrate/report-html">',
    `<title>${e(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${e(title)}</h1>`,
    `<p class="meta">${meta(report)}</p>`,
    ...(report.run.message === undefined ? [] : [`<p class="message" role="status">${e(report.run.message)}</p>`]),
    `<nav aria-label="Contents"><ul>${nav.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ul></nav>`,
    '</header>',
    '<main>',
    summary(report, ids),
    componentsTable(report.components, ids),
    componentDetails(report.components, ids, sectionIds),
    ...(report.answerFile === undefined ? [] : [answerFile(report, sectionIds)]),
    diagnostics('diagnostics', 'Diagnostics', report.diagnostics, 'What the engine noticed about the registry, the vendor files and the plugins'),
    ...(report.apply === undefined ? [] : [apply(report)]),
    '</main>',
    `<footer>${footer(report)}</footer>`,
    '</body>',
    '</html>',
    '',
  ];
  return out.join('\n');
}

function meta(report: NetmigrateReport): string {
  const parts: string[] = [];
  if (report.run.command !== undefined) parts.push(`<span>command <strong>${e(report.run.command)}</strong></span>`);
  parts.push(`<span>Winnt32 phase ${badge(report.run.status, toneOf(report.run.status))}</span>`);
  if (report.run.upgradeInfo !== undefined) parts.push(`<span>${e(describeUpgrade(report.run.upgradeInfo))}</span>`);
  if (report.generatedAt !== undefined) parts.push(`<span>generated <time>${e(report.generatedAt)}</time></span>`);
  return parts.join(' · ');
}

function footer(report: NetmigrateReport): string {
  const tool = report.tool === undefined ? 'netmigrate' : `${report.tool.name} ${report.tool.version}`;
  return `Written by ${e(tool)}. This file is self-contained: it loads nothing and runs no script; vendor help pages are shown in sandboxed frames.`;
}

function badge(text: string, tone: Tone, symbol = symbolOf(tone)): string {
  return `<span class="badge t-${tone}"><span class="sym" aria-hidden="true">${e(symbol)}</span> ${e(text)}</span>`;
}

function statusBadge(status: ReportStatus): string {
  const look = STATUS_LOOK[status] ?? { label: String(status), symbol: '?', tone: 'off' as const };
  return `<span class="badge t-${look.tone}" title="${e(look.meaning)}"><span class="sym" aria-hidden="true">${look.symbol}</span> ${e(look.label)}</span>`;
}

function toneOfStatus(status: ReportStatus): Tone {
  return STATUS_LOOK[status]?.tone ?? 'off';
}

// ---- ids ------------------------------------------------------------------------------

/** `c<n>-<instance>`: unique through the number, readable through the name. */
function componentIds(components: readonly ReportComponent[]): string[] {
  return components.map((c, i) => {
    const s = slug(c.preNT5Instance);
    return s === '' ? `c${i + 1}` : `c${i + 1}-${s}`;
  });
}

/** Answer file sections by lower-case name → id, for links from the components. */
function answerSectionIds(sections: readonly AnswerFileSection[]): Map<string, string> {
  const out = new Map<string, string>();
  sections.forEach((s, i) => {
    const key = s.name.toLowerCase();
    if (out.has(key)) return;
    const sl = slug(s.name);
    out.set(key, sl === '' ? `s${i + 1}` : `s${i + 1}-${sl}`);
  });
  return out;
}

// ---- summary --------------------------------------------------------------------------

function summary(report: NetmigrateReport, ids: readonly string[]): string {
  const counts = countStatuses(report.components);
  const items = STATUSES.map((s) => {
    const n = counts[s];
    return `<li class="${n === 0 ? 'zero' : ''}"><span class="n">${n}</span> ${statusBadge(s)}</li>`;
  });
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  const attention = report.components
    .map((c, i) => ({ c, id: ids[i] as string }))
    .filter(({ c }) => c.status !== 'built-in' && c.status !== 'upgraded');
  return [
    '<section id="summary" aria-labelledby="summary-h">',
    '<h2 id="summary-h">Summary</h2>',
    `<p>${report.components.length === 0 ? 'No network components were found.' : `${report.components.length} network component${report.components.length === 1 ? '' : 's'} found.`} ${diagnosticCount(errors, warnings)}</p>`,
    `<ul class="counts" aria-label="Components per status">${items.join('')}</ul>`,
    ...(attention.length === 0
      ? []
      : [
          '<h3>Needs attention</h3>',
          `<ul>${attention.map(({ c, id }) => `<li>${statusBadge(c.status)} <a href="#${id}">${e(c.preNT5Instance)}</a>${c.title === undefined ? '' : ` — ${e(c.title)}`}</li>`).join('')}</ul>`,
        ]),
    '</section>',
  ].join('\n');
}

function diagnosticCount(errors: number, warnings: number): string {
  if (errors + warnings === 0) return 'No diagnostics.';
  const parts = [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter((p) => p !== '');
  return `<a href="#diagnostics">${parts.join(' and ')}</a>.`;
}

// ---- components -----------------------------------------------------------------------

function componentsTable(components: readonly ReportComponent[], ids: readonly string[]): string {
  const rows = components.map((c, i) => {
    const id = ids[i] as string;
    const plugin = c.plugin === undefined ? '<span class="muted">—</span>' : `${e(c.plugin.name)}${c.plugin.version === undefined ? '' : ` <span class="sub">${e(c.plugin.version)}</span>`}`;
    return [
      `<tr id="row-${id}" data-status="${e(c.status)}">`,
      `<td>${statusBadge(c.status)}</td>`,
      `<th scope="row"><a href="#${id}">${e(c.preNT5Instance)}</a>${c.title === undefined ? '' : `<br><span class="sub">${e(c.title)}</span>`}</th>`,
      `<td>${e(c.kind)}</td>`,
      `<td class="id">${e(c.preNT5InfId)}</td>`,
      `<td class="id">${c.nt5InfId === undefined ? '<span class="muted">—</span>' : e(c.nt5InfId)}</td>`,
      `<td>${plugin}</td>`,
      `<td>${c.vendorInfo === undefined ? '<span class="muted">—</span>' : vendorCell(c.vendorInfo)}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section id="components" aria-labelledby="components-h">',
    '<h2 id="components-h">Components</h2>',
    '<div class="table-wrap">',
    '<table class="components">',
    `<caption>The network components of the NT registry and what the upgrade does with each (${components.length}).</caption>`,
    '<thead><tr><th scope="col">Status</th><th scope="col">Component</th><th scope="col">Kind</th><th scope="col">Pre-upgrade ID</th><th scope="col">Windows 2000 ID</th><th scope="col">Plugin</th><th scope="col">Vendor</th></tr></thead>',
    `<tbody>${rows.length === 0 ? '<tr><td colspan="7" class="muted">No network components were found.</td></tr>' : rows.join('\n')}</tbody>`,
    '</table>',
    '</div>',
    '</section>',
  ].join('\n');
}

function vendorCell(v: NonNullable<ReportComponent['vendorInfo']>): string {
  const parts = [e(v.companyName)];
  if (v.supportNumber !== '') parts.push(`<span class="sub">${e(v.supportNumber)}</span>`);
  if (v.supportUrl !== '') parts.push(`<span class="sub">${link(v.supportUrl)}</span>`);
  return parts.join('<br>');
}

/** A link for http, https and mailto URLs; any other text stays text. */
function link(url: string, text = url): string {
  const href = linkTarget(url);
  return href === undefined ? e(text) : `<a href="${e(href)}" rel="noopener noreferrer external">${e(text)}</a>`;
}

function componentDetails(components: readonly ReportComponent[], ids: readonly string[], sectionIds: Map<string, string>): string {
  const cards = components.map((c, i) => componentCard(c, ids[i] as string, sectionIds));
  return [
    '<section id="details" aria-labelledby="details-h">',
    '<h2 id="details-h">Component details</h2>',
    ...(cards.length === 0 ? ['<p class="muted">No network components were found.</p>'] : cards),
    '</section>',
  ].join('\n');
}

function componentCard(c: ReportComponent, id: string, sectionIds: Map<string, string>): string {
  const facts: [string, string][] = [
    ['Kind', e(c.kind)],
    ['Pre-upgrade ID', `<code>${e(c.preNT5InfId)}</code>`],
    ['Windows 2000 ID', c.nt5InfId === undefined ? '<span class="muted">none</span>' : `<code>${e(c.nt5InfId)}</code>`],
  ];
  if (c.answerFileKey !== undefined) facts.push(['Answer file key', `<code>${e(c.answerFileKey)}</code>`]);
  if (c.paramsSection !== undefined) {
    const target = sectionIds.get(c.paramsSection.toLowerCase());
    const name = `<code>[${e(c.paramsSection)}]</code>`;
    facts.push(['Parameters section', target === undefined ? name : `<a href="#${target}">${name}</a>`]);
  }
  if (c.netmap !== undefined) facts.push(['Mapped by', `<code>${e(where(c.netmap))}</code>`]);
  if (c.plugin !== undefined) {
    const p = c.plugin;
    facts.push(['Plugin', `${e(p.name)}${p.version === undefined ? '' : ` ${e(p.version)}`}`]);
    facts.push(['Plugin module', `<code>${e(p.module)}</code>`]);
    facts.push(['Working directory', `<code>${e(p.workingDir)}</code>`]);
  }
  if (c.flags !== undefined && c.flags !== 0) facts.push(['Flags', `<code>${hex32(c.flags)}</code>${c.flagNames === undefined || c.flagNames.length === 0 ? '' : ` ${c.flagNames.map((n) => `<code>${e(n)}</code>`).join(' ')}`}`]);
  if (c.failure !== undefined) {
    const f = c.failure;
    const about = [f.plugin === undefined ? '' : `plugin ${e(f.plugin)}`, f.hook === undefined ? '' : `hook ${e(f.hook)}`, `kind ${e(f.kind)}`].filter((s) => s !== '').join(', ');
    facts.push(['Failure', `${about}: ${e(f.message)}`]);
  }
  if (c.vendorInfo !== undefined) {
    const v = c.vendorInfo;
    facts.push(['Vendor', e(v.companyName)]);
    if (v.supportNumber !== '') facts.push(['Support number', e(v.supportNumber)]);
    if (v.supportUrl !== '') facts.push(['Support URL', link(v.supportUrl)]);
    if (v.instructionsToUser !== '') facts.push(['Instructions', e(v.instructionsToUser)]);
  }
  if (c.helpFiles !== undefined) {
    const h = c.helpFiles;
    facts.push(['Help files', `<code>${e(h.txt)}</code>, <code>${e(h.htm)}</code> (${h.source === 'default' ? 'Windows 2000 default' : 'vendor'})`]);
  }
  const tone = toneOfStatus(c.status);
  return [
    `<article class="component k-${tone}" id="${id}" aria-labelledby="${id}-h">`,
    `<h3 id="${id}-h">${statusBadge(c.status)} <span>${e(c.preNT5Instance)}</span>${c.title === undefined ? '' : ` <span class="sub">${e(c.title)}</span>`}</h3>`,
    `<p>${e(c.detail)}</p>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    help(c, id),
    `<p class="back"><a href="#row-${id}">Back to the table</a></p>`,
    '</article>',
  ].join('\n');
}

function help(c: ReportComponent, id: string): string {
  const h = c.help;
  if (h === undefined) return '';
  const out: string[] = [];
  const cut = h.truncated === true ? ' <span class="sub">(cut at the size limit)</span>' : '';
  if (h.txt !== undefined) {
    out.push(`<details open><summary>Help text${cut}</summary>${pre(h.txt)}</details>`);
  }
  if (h.htm !== undefined) {
    // No allow-* token at all: no script, no forms, no popups, no top navigation; an opaque origin.
    out.push(
      `<details${h.txt === undefined ? ' open' : ''}><summary>Help page (vendor HTML, shown without scripts)${cut}</summary>` +
        `<iframe class="help" id="${id}-help" sandbox="" referrerpolicy="no-referrer" title="${e(`Help page for ${c.preNT5Instance}`)}" srcdoc="${e(h.htm)}"></iframe></details>`,
    );
  }
  return out.join('\n');
}

/** A <pre>; the newline after the tag is ours, as the parser drops the first one. */
function pre(text: string): string {
  return `<pre>\n${e(text)}</pre>`;
}

// ---- answer file ----------------------------------------------------------------------

function answerFile(report: NetmigrateReport, sectionIds: Map<string, string>): string {
  const file = report.answerFile as NonNullable<NetmigrateReport['answerFile']>;
  const plugins = pluginsByOwner(report);
  const groups = new Map<string, AnswerFileSection[]>();
  for (const s of file.sections) {
    const key = ownerKey(s.owner);
    const list = groups.get(key) ?? [];
    list.push(s);
    groups.set(key, list);
  }
  // The engine first, then the plugins in the order their first section appears.
  const order = [...groups.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
  const seen = new Set<string>();
  const blocks = order.map((key) => {
    const sections = groups.get(key) as AnswerFileSection[];
    const plugin = plugins.get(key.toLowerCase());
    const heading = key === '' ? 'Written by the engine' : `Written by ${plugin === undefined ? 'plugin' : `plugin ${e(plugin)}`} <span class="sub">(working directory ${e(key)})</span>`;
    const items = sections.map((s) => {
      const id = sectionIds.get(s.name.toLowerCase()) as string;
      // Two sections differing only in case cannot exist; keep ids unique all the same.
      const attr = seen.has(id) ? '' : ` id="${id}"`;
      seen.add(id);
      return `<details open${attr}><summary><code>[${e(s.name)}]</code> <span class="sub">${s.lines.length} line${s.lines.length === 1 ? '' : 's'}</span></summary>${s.lines.length === 0 ? '<p class="muted">(empty)</p>' : pre(s.lines.join('\n'))}</details>`;
    });
    return [`<div class="owner"><h3>${heading}</h3>`, ...items, '</div>'].join('\n');
  });
  const whole = file.sections.map((s) => `[${s.name}]\n${s.lines.map((l) => `${l}\n`).join('')}`).join('\n');
  return [
    '<section id="answer-file" aria-labelledby="answer-file-h">',
    '<h2 id="answer-file-h">Answer file</h2>',
    `<p>${file.path === undefined ? 'The answer file' : `<code>${e(file.path)}</code>`}${file.state === undefined ? '' : ` — ${badge(file.state, toneOf(file.state === 'draft' ? 'pending' : file.state))}`}: ${file.sections.length} section${file.sections.length === 1 ? '' : 's'}, grouped by who wrote them.</p>`,
    ...blocks,
    `<details><summary>The whole file, in file order</summary>${pre(whole)}</details>`,
    '</section>',
  ].join('\n');
}

// ---- diagnostics ----------------------------------------------------------------------

function diagnostics(id: string, heading: string, list: readonly EngineDiagnostic[], caption: string): string {
  const rows = list.map((d) => {
    const about = [d.component === undefined ? '' : `component ${e(d.component)}`, d.plugin === undefined ? '' : `plugin ${e(d.plugin)}`, d.hook === undefined ? '' : `hook ${e(d.hook)}`]
      .filter((s) => s !== '')
      .join(', ');
    const tone: Tone = d.severity === 'error' ? 'bad' : 'warn';
    return `<tr><td>${badge(d.severity, tone)}</td><td class="path">${e(where(d))}</td><td>${about}</td><td>${e(d.message)}</td><td class="id">${e(d.code)}</td></tr>`;
  });
  return [
    `<section id="${id}" aria-labelledby="${id}-h">`,
    `<h2 id="${id}-h">${heading}</h2>`,
    list.length === 0
      ? '<p class="muted">None.</p>'
      : [
          '<div class="table-wrap"><table>',
          `<caption>${e(caption)} (${list.length}).</caption>`,
          '<thead><tr><th scope="col">Severity</th><th scope="col">Where</th><th scope="col">About</th><th scope="col">Message</th><th scope="col">Code</th></tr></thead>',
          `<tbody>${rows.join('\n')}</tbody>`,
          '</table></div>',
        ].join('\n'),
    '</section>',
  ].join('\n');
}

// ---- apply ----------------------------------------------------------------------------

function apply(report: NetmigrateReport): string {
  const a = report.apply as NonNullable<NetmigrateReport['apply']>;
  const out = ['<section id="apply" aria-labelledby="apply-h">', '<h2 id="apply-h">Apply: the upgraded system</h2>'];
  if (a.target !== undefined) out.push(`<p>Target <code>${e(a.target)}</code></p>`);
  if (a.postUpgrade !== undefined) out.push(postUpgrade(a.postUpgrade));
  if (a.registryChanges !== undefined) out.push(registryChanges(a.registryChanges));
  if (a.diagnostics !== undefined) out.push(diagnostics('apply-diagnostics', 'Apply diagnostics', a.diagnostics, 'What the post-upgrade phase noticed'));
  out.push('</section>');
  return out.join('\n');
}

function postUpgrade(p: PostUpgradeReport): string {
  const rows = p.components.map((c) => {
    return [
      '<tr>',
      `<td>${badge(c.status, toneOf(c.status))}</td>`,
      `<th scope="row">${e(c.preNT5Instance)}${c.kind === undefined ? '' : `<br><span class="sub">${e(c.kind)}</span>`}</th>`,
      `<td class="id">${c.nt5InfId === undefined ? '' : e(c.nt5InfId)}</td>`,
      `<td>${c.plugin === undefined ? '' : e(c.plugin)}</td>`,
      `<td class="path">${[c.instanceGuid, c.instanceKey].filter((s): s is string => s !== undefined).map(e).join('<br>')}</td>`,
      `<td>${c.detail === undefined ? '' : e(c.detail)}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<h3>Post-upgrade phase</h3>',
    `<p>${badge(p.status, toneOf(p.status))}${p.message === undefined ? '' : ` ${e(p.message)}`}</p>`,
    p.components.length === 0
      ? '<p class="muted">No components.</p>'
      : [
          '<div class="table-wrap"><table>',
          `<caption>What the post-upgrade phase did with each component (${p.components.length}).</caption>`,
          '<thead><tr><th scope="col">Status</th><th scope="col">Component</th><th scope="col">Windows 2000 ID</th><th scope="col">Plugin</th><th scope="col">Instance</th><th scope="col">Detail</th></tr></thead>',
          `<tbody>${rows.join('\n')}</tbody>`,
          '</table></div>',
        ].join('\n'),
  ].join('\n');
}

function registryChanges(changes: readonly RegistryChange[]): string {
  const count = new Map<string, number>();
  for (const c of changes) count.set(c.kind, (count.get(c.kind) ?? 0) + 1);
  const totals = [...count].map(([kind, n]) => `${n} ${n === 1 ? changeLook(kind).label : changeLook(kind).label.replace(/^(key|value)/, '$1s')}`);
  const value = (v: RegistryChange['before']) => (v === undefined ? '' : `<span class="sub">${e(v.type)}</span> ${e(v.data)}`);
  const rows = changes.map((c) => {
    const look = changeLook(c.kind);
    return `<tr><td>${badge(look.label, look.tone, look.symbol)}</td><td class="path">${e(c.path)}</td><td class="id">${c.name === undefined ? '' : c.name === '' ? '<span class="muted">(default)</span>' : e(c.name)}</td><td class="id">${value(c.before)}</td><td class="id">${value(c.after)}</td></tr>`;
  });
  return [
    '<h3>Registry changes</h3>',
    changes.length === 0
      ? '<p class="muted">The registry did not change.</p>'
      : [
          `<details${changes.length <= OPEN_CHANGES_LIMIT ? ' open' : ''}><summary>${changes.length} change${changes.length === 1 ? '' : 's'}: ${e(totals.join(', '))}</summary>`,
          '<div class="table-wrap"><table>',
          `<caption>Keys and values the upgrade added, removed or changed in the target registry (${changes.length}).</caption>`,
          '<thead><tr><th scope="col">Change</th><th scope="col">Key</th><th scope="col">Value</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>',
          `<tbody>${rows.join('\n')}</tbody>`,
          '</table></div></details>',
        ].join('\n'),
  ].join('\n');
}
