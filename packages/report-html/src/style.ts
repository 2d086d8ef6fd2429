// The report's only style sheet, inlined: no fonts, images or anything else to fetch.
export const STYLE = `
:root {
  color-scheme: light dark;
  --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de; --link: #0550ae;
  --ok-fg: #116329; --ok-bg: #dafbe1; --ok-line: #4ac26b;
  --info-fg: #0a3069; --info-bg: #ddf4ff; --info-line: #54aeff;
  --warn-fg: #7d4e00; --warn-bg: #fff8c5; --warn-line: #d4a72c;
  --bad-fg: #82071e; --bad-bg: #ffebe9; --bad-line: #ff8182;
  --off-fg: #424a53; --off-bg: #eaeef2; --off-line: #afb8c1;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #3d444d; --link: #4493f8;
    --ok-fg: #7ee787; --ok-bg: #12261e; --ok-line: #2ea043;
    --info-fg: #a5d6ff; --info-bg: #0c2d6b; --info-line: #1f6feb;
    --warn-fg: #f2cc60; --warn-bg: #2e2209; --warn-line: #9e6a03;
    --bad-fg: #ffa198; --bad-bg: #3c1618; --bad-line: #da3633;
    --off-fg: #c9d1d9; --off-bg: #262c36; --off-line: #656c76;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer { max-width: 84rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
a { color: var(--link); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .875em; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .75rem; margin: .4rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.muted, .sub { color: var(--muted); }
.sub { font-size: .85em; font-weight: normal; }
.meta { margin: 0; color: var(--muted); }
.message { border-left: 4px solid var(--warn-line); background: var(--warn-bg); color: var(--warn-fg); padding: .5rem .75rem; border-radius: 0 6px 6px 0; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: .75rem 0 0; }
.counts { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.counts li { display: flex; align-items: center; gap: .4rem; border: 1px solid var(--line); border-radius: 6px; padding: .35rem .6rem; background: var(--panel); }
.counts li.zero { opacity: .6; }
.counts .n { font-weight: 700; font-size: 1.1rem; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; white-space: nowrap; border: 1px solid; border-radius: 999px; padding: 0 .55em; font-size: .8rem; font-weight: 600; line-height: 1.6; }
.badge .sym { display: inline-block; min-width: 1em; text-align: center; }
.t-ok { color: var(--ok-fg); background: var(--ok-bg); border-color: var(--ok-line); }
.t-info { color: var(--info-fg); background: var(--info-bg); border-color: var(--info-line); }
.t-warn { color: var(--warn-fg); background: var(--warn-bg); border-color: var(--warn-line); }
.t-bad { color: var(--bad-fg); background: var(--bad-bg); border-color: var(--bad-line); }
.t-off { color: var(--off-fg); background: var(--off-bg); border-color: var(--off-line); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; color: var(--muted); padding: 0 0 .4rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .55rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--panel); border-bottom: 2px solid var(--line); white-space: nowrap; }
tbody tr:nth-child(even) { background: color-mix(in srgb, var(--panel) 60%, transparent); }
tbody th { font-weight: 600; overflow-wrap: anywhere; min-width: 8rem; }
td.id, td.path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; overflow-wrap: anywhere; }
.component { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: .25rem 1rem .75rem; margin: 1rem 0; }
.k-ok { border-left-color: var(--ok-line); }
.k-info { border-left-color: var(--info-line); }
.k-warn { border-left-color: var(--warn-line); }
.k-bad { border-left-color: var(--bad-line); }
.k-off { border-left-color: var(--off-line); }
.component h3 { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
details { margin: .4rem 0; }
summary { cursor: pointer; font-weight: 600; }
iframe.help { width: 100%; height: 18rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; resize: vertical; overflow: auto; }
.owner { margin-top: 1.5rem; }
.back { font-size: .85rem; }
footer { color: var(--muted); font-size: .85rem; padding-top: 2rem; padding-bottom: 2rem; }
:target { outline: 3px solid var(--info-line); outline-offset: 2px; }
@media print {
  body { font-size: 10.5pt; background: #fff; color: #000; }
  nav, .back { display: none; }
  header, main, footer { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .component, tr, pre { break-inside: avoid; }
  details:not([open])::details-content { content-visibility: visible; display: block; }
  a[href^="http"]::after, a[href^="mailto"]::after { content: " <" attr(href) ">"; font-size: .85em; color: #444; }
  iframe.help { height: auto; min-height: 10rem; resize: none; }
  .table-wrap { overflow: visible; }
}
`;
