// A unified diff of two texts, line by line (answer files are a few hundred lines at most,
// so a plain longest-common-subsequence table is fast enough and easy to trust).

export interface UnifiedDiffOptions {
  readonly fromName: string;
  readonly toName: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly text: string };

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? (lcs[(i + 1) * (m + 1) + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * (m + 1) + j] as number, lcs[i * (m + 1) + j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i] as string });
      i++;
      j++;
    } else if ((lcs[(i + 1) * (m + 1) + j] as number) >= (lcs[i * (m + 1) + j + 1] as number)) {
      ops.push({ kind: '-', text: a[i++] as string });
    } else {
      ops.push({ kind: '+', text: b[j++] as string });
    }
  }
  while (i < n) ops.push({ kind: '-', text: a[i++] as string });
  while (j < m) ops.push({ kind: '+', text: b[j++] as string });
  return ops;
}

/** `''` when the texts have the same lines (line endings aside), else a unified diff ending in a newline. */
export function unifiedDiff(from: string, to: string, options: UnifiedDiffOptions): string {
  const ops = editScript(splitLines(from), splitLines(to));
  if (ops.every((o) => o.kind === ' ')) return '';
  const context = options.context ?? 3;
  const out = [`--- ${options.fromName}`, `+++ ${options.toName}`];
  // Positions (in ops) of changes, grouped into hunks that are at most 2*context apart.
  const changed = ops.flatMap((o, k) => (o.kind === ' ' ? [] : [k]));
  let h = 0;
  while (h < changed.length) {
    let last = changed[h] as number;
    let e = h;
    while (e + 1 < changed.length && (changed[e + 1] as number) - last <= 2 * context) last = changed[++e] as number;
    const start = Math.max(0, (changed[h] as number) - context);
    const end = Math.min(ops.length, last + context + 1);
    // Line numbers where the hunk starts in each file.
    let aLine = 1;
    let bLine = 1;
    for (const o of ops.slice(0, start)) {
      if (o.kind !== '+') aLine++;
      if (o.kind !== '-') bLine++;
    }
    const body = ops.slice(start, end);
    const aCount = body.filter((o) => o.kind !== '+').length;
    const bCount = body.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aCount === 0 ? aLine - 1 : aLine},${aCount} +${bCount === 0 ? bLine - 1 : bLine},${bCount} @@`);
    for (const o of body) out.push(`${o.kind}${o.text}`);
    h = e + 1;
  }
  return `${out.join('\n')}\n`;
}
