// The report as Markdown (GitHub-flavoured tables), for `netmigrate report --format md`.
// Text is backslash-escaped (no raw HTML gets through), file contents go in fences no line
// can close, and only http, https and mailto URLs become links.

import type { EngineDiagnostic, ReportStatus } from '@netmigrate/core';
import { codeSpan, escapeMarkdown as m, fence, linkTarget } from './escape.js';
import { countStatuses, STATUSES, type AnswerFileSection, type NetmigrateReport, type RegistryChange, type ReportComponent } from './input.js';
import { changeLook, describeUpgrade, hex32, ownerKey, pluginsByOwner, reportTitle, STATUS_LOOK, symbolOf, toneOf, where } from './labels.js';

export function renderMarkdownReport(report: NetmigrateReport): string {
  const out: string[] = [`# ${m(reportTitle(report))}`, '', meta(report)];
  if (report.run.message !== undefined) out.push('', `> ${m(report.run.message)}`);
  out.push('', '## Summary', '', summary(report));
  out.push('', '## Components', '', componentsTable(report.components));
  out.push('', '## Component details');
  for (const c of report.components) out.push('', ...componentDetails(c));
  if (report.components.length === 0) out.push('', 'No network components were found.');
  if (report.answerFile !== undefined) out.push('', ...answerFile(report));
  out.push('', '## Diagnostics', '', diagnostics(report.diagnostics));
  if (report.apply !== undefined) out.push('', ...apply(report));
  out.push('', `---`, '', `Written by ${m(report.tool === undefined ? 'netmigrate' : `${report.tool.name} ${report.tool.version}`)}.`, '');
  return out.join('\n');
}

function meta(report: NetmigrateReport): string {
  const parts: string[] = [];
  if (report.run.command !== undefined) parts.push(`command **${m(report.run.command)}**`);
  parts.push(`Winnt32 phase: ${tag(report.run.status)}`);
  if (report.run.upgradeInfo !== undefined) parts.push(m(describeUpgrade(report.run.upgradeInfo)));
  if (report.generatedAt !== undefined) parts.push(`generated ${m(report.generatedAt)}`);
  return parts.join(' · ');
}

function status(s: ReportStatus): string {
  const look = STATUS_LOOK[s] ?? { label: String(s), symbol: '?' };
  return `${look.symbol} ${m(look.label)}`;
}

/** A free-text status with the symbol of its tone. */
function tag(s: string): string {
  return `${symbolOf(toneOf(s))} **${m(s)}**`;
}

function link(url: string): string {
  const href = linkTarget(url);
  // An autolink is taken literally; it cannot hold spaces, angle brackets, or a table's pipe.
  return href !== undefined && /^[^\s<>`\\|]*$/.test(href) ? `<${href}>` : m(url);
}

function table(head: readonly string[], rows: readonly string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Identifiers and paths as code spans: readable, and literal whatever they hold. */
const code = (s: string) => codeSpan(s);
const cell = (s: string) => codeSpan(s, true);

function summary(report: NetmigrateReport): string {
  const counts = countStatuses(report.components);
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  return [
    table(['Status', 'Components'], STATUSES.map((s) => [status(s), String(counts[s])])),
    '',
    `${report.components.length} network component${report.components.length === 1 ? '' : 's'}; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  ].join('\n');
}

function componentsTable(components: readonly ReportComponent[]): string {
  if (components.length === 0) return 'No network components were found.';
  return table(
    ['Status', 'Component', 'Kind', 'Pre-upgrade ID', 'Windows 2000 ID', 'Plugin', 'Vendor'],
    components.map((c) => [
      status(c.status),
      `**${m(c.preNT5Instance)}**${c.title === undefined ? '' : ` ${m(c.title)}`}`,
      m(c.kind),
      cell(c.preNT5InfId),
      c.nt5InfId === undefined ? '—' : cell(c.nt5InfId),
      c.plugin === undefined ? '—' : m(c.plugin.version === undefined ? c.plugin.name : `${c.plugin.name} ${c.plugin.version}`),
      c.vendorInfo === undefined ? '—' : [m(c.vendorInfo.companyName), m(c.vendorInfo.supportNumber), c.vendorInfo.supportUrl === '' ? '' : link(c.vendorInfo.supportUrl)].filter((s) => s !== '').join(', '),
    ]),
  );
}

function componentDetails(c: ReportComponent): string[] {
  const facts: [string, string][] = [
    ['Kind', m(c.kind)],
    ['Pre-upgrade ID', code(c.preNT5InfId)],
    ['Windows 2000 ID', c.nt5InfId === undefined ? 'none' : code(c.nt5InfId)],
  ];
  if (c.answerFileKey !== undefined) facts.push(['Answer file key', code(c.answerFileKey)]);
  if (c.paramsSection !== undefined) facts.push(['Parameters section', code(`[${c.paramsSection}]`)]);
  if (c.netmap !== undefined) facts.push(['Mapped by', code(where(c.netmap))]);
  if (c.plugin !== undefined) {
    facts.push(['Plugin', m(c.plugin.version === undefined ? c.plugin.name : `${c.plugin.name} ${c.plugin.version}`)]);
    facts.push(['Plugin module', code(c.plugin.module)]);
    facts.push(['Working directory', code(c.plugin.workingDir)]);
  }
  if (c.flags !== undefined && c.flags !== 0) facts.push(['Flags', [hex32(c.flags), ...(c.flagNames ?? [])].map(code).join(' ')]);
  if (c.failure !== undefined) {
    const f = c.failure;
    const about = [f.plugin === undefined ? '' : `plugin ${f.plugin}`, f.hook === undefined ? '' : `hook ${f.hook}`, `kind ${f.kind}`].filter((s) => s !== '').join(', ');
    facts.push(['Failure', m(`${about}: ${f.message}`)]);
  }
  if (c.vendorInfo !== undefined) {
    const v = c.vendorInfo;
    facts.push(['Vendor', m(v.companyName)]);
    if (v.supportNumber !== '') facts.push(['Support number', m(v.supportNumber)]);
    if (v.supportUrl !== '') facts.push(['Support URL', link(v.supportUrl)]);
    if (v.instructionsToUser !== '') facts.push(['Instructions', m(v.instructionsToUser)]);
  }
  if (c.helpFiles !== undefined) facts.push(['Help files', `${code(c.helpFiles.txt)}, ${code(c.helpFiles.htm)} (${c.helpFiles.source === 'default' ? 'Windows 2000 default' : 'vendor'})`]);
  const out = [`### ${status(c.status)} — ${m(c.preNT5Instance)}${c.title === undefined ? '' : ` (${m(c.title)})`}`, '', m(c.detail), '', ...facts.map(([k, v]) => `- **${k}:** ${v}`)];
  const cut = c.help?.truncated === true ? ' (cut at the size limit)' : '';
  if (c.help?.txt !== undefined) out.push('', `Help text${cut}:`, '', fence(c.help.txt, 'text'));
  if (c.help?.htm !== undefined) out.push('', `Help page${cut} (vendor HTML, as source):`, '', fence(c.help.htm, 'html'));
  return out;
}

function answerFile(report: NetmigrateReport): string[] {
  const file = report.answerFile as NonNullable<NetmigrateReport['answerFile']>;
  const plugins = pluginsByOwner(report);
  const groups = new Map<string, AnswerFileSection[]>();
  for (const s of file.sections) {
    const key = ownerKey(s.owner);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const order = [...groups.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
  const out = ['## Answer file', '', `The answer file${file.path === undefined ? '' : ` ${code(file.path)}`}${file.state === undefined ? '' : ` (${m(file.state)})`}: ${file.sections.length} section${file.sections.length === 1 ? '' : 's'}, grouped by who wrote them.`];
  for (const key of order) {
    const plugin = plugins.get(key.toLowerCase());
    out.push('', key === '' ? '### Written by the engine' : `### Written by ${plugin === undefined ? 'plugin' : `plugin ${m(plugin)}`} (working directory ${code(key)})`, '');
    const text = (groups.get(key) as AnswerFileSection[]).map((s) => `[${s.name}]\n${s.lines.map((l) => `${l}\n`).join('')}`).join('\n');
    out.push(fence(text, 'ini'));
  }
  return out;
}

function diagnostics(list: readonly EngineDiagnostic[]): string {
  if (list.length === 0) return 'None.';
  return table(
    ['Severity', 'Where', 'About', 'Message', 'Code'],
    list.map((d) => [
      `${symbolOf(d.severity === 'error' ? 'bad' : 'warn')} ${m(d.severity)}`,
      cell(where(d)),
      m([d.component === undefined ? '' : `component ${d.component}`, d.plugin === undefined ? '' : `plugin ${d.plugin}`, d.hook === undefined ? '' : `hook ${d.hook}`].filter((s) => s !== '').join(', ')),
      m(d.message),
      cell(d.code),
    ]),
  );
}

function apply(report: NetmigrateReport): string[] {
  const a = report.apply as NonNullable<NetmigrateReport['apply']>;
  const out = ['## Apply: the upgraded system'];
  if (a.target !== undefined) out.push('', `Target ${code(a.target)}`);
  if (a.postUpgrade !== undefined) {
    const p = a.postUpgrade;
    out.push('', '### Post-upgrade phase', '', `${tag(p.status)}${p.message === undefined ? '' : ` ${m(p.message)}`}`);
    if (p.components.length > 0) {
      out.push(
        '',
        table(
          ['Status', 'Component', 'Windows 2000 ID', 'Plugin', 'Instance', 'Detail'],
          p.components.map((c) => [
            tag(c.status),
            `**${m(c.preNT5Instance)}**${c.kind === undefined ? '' : ` ${m(c.kind)}`}`,
            c.nt5InfId === undefined ? '' : cell(c.nt5InfId),
            c.plugin === undefined ? '' : m(c.plugin),
            [c.instanceGuid, c.instanceKey].filter((s): s is string => s !== undefined).map(cell).join(' '),
            c.detail === undefined ? '' : m(c.detail),
          ]),
        ),
      );
    }
  }
  if (a.registryChanges !== undefined) out.push('', '### Registry changes', '', registryChanges(a.registryChanges));
  if (a.diagnostics !== undefined) out.push('', '### Apply diagnostics', '', diagnostics(a.diagnostics));
  return out;
}

function registryChanges(changes: readonly RegistryChange[]): string {
  if (changes.length === 0) return 'The registry did not change.';
  const value = (v: RegistryChange['before']) => (v === undefined ? '' : `${m(v.type)} ${cell(v.data)}`);
  return table(
    ['Change', 'Key', 'Value', 'Before', 'After'],
    changes.map((c) => {
      const look = changeLook(c.kind);
      return [`${look.symbol} ${m(look.label)}`, cell(c.path), c.name === undefined ? '' : c.name === '' ? '(default)' : cell(c.name), value(c.before), value(c.after)];
    }),
  );
}
