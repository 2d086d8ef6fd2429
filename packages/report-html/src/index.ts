// @netmigrate/report-html: the run report as one self-contained HTML file, as Markdown, and
// as the plain object `--format json` prints.
export * from './input.js';
export { buildReportInput, answerFileSections, registryChangesFrom, decodeHelp, type BuildReportOptions, type Winnt32Outcome } from './build.js';
export { renderHtmlReport, CONTENT_SECURITY_POLICY } from './html.js';
export { renderMarkdownReport } from './markdown.js';
export { parseReportInput, ReportInputError } from './parse-input.js';
export { escapeHtml, linkTarget } from './escape.js';
