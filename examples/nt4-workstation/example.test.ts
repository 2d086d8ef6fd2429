// The bundled scenario end to end, as `netmigrate demo` runs it: `netmigrate upgrade` (the
// plugins in the sandbox), `apply` (text mode and GUI mode) and `report`, in process through
// runCli, and every output against expected/.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIO, runCli } from '@netmigrate/cli';
import { buildForSandbox, matchGolden, type NtFixture } from '@netmigrate/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(HERE, '..', '..');
const REGISTRY = join(HERE, 'nt4-workstation.reg');
const NETUPG = join(HERE, 'netupg');
const EXPECTED = join(HERE, 'expected');

beforeAll(() => buildForSandbox(join(HERE, 'tsconfig.build.json')), 300_000);

let out: string;
beforeAll(async () => {
  out = realpathSync(await mkdtemp(join(tmpdir(), 'netmigrate-nt4-workstation-')));
});
afterAll(() => rm(out, { recursive: true, force: true }));

async function cli(args: string[]): Promise<string> {
  const io = memoryIO();
  const code = await runCli(args, io);
  expect(code, `netmigrate ${args.join(' ')}\n${io.err}`).toBe(0);
  return io.out;
}

interface AppliedComponent {
  readonly preNT5Instance: string;
  readonly instanceGuid?: string;
}

const REPO_PATH = REPO.replace(/[\\/]$/, '');

/**
 * Machine-independent text: this checkout and the run directory become `<repo>` and `<out>`,
 * the answer file's SHA-256 `<sha256 of winnt.sif>`, and each instance GUID `{GUID of <pre-NT5
 * instance>}`. The answer file holds absolute paths, and the GUIDs are name-based over its hash,
 * so all of these differ from one checkout to the next.
 */
function normalizer(answerFile: Uint8Array, components: readonly AppliedComponent[]): (text: string) => string {
  const pairs: [string, string][] = [[out, '<out>'], [REPO_PATH, '<repo>'], [createHash('sha256').update(answerFile).digest('hex'), '<sha256 of winnt.sif>']];
  // Without its braces, so that the Markdown report's escaped `\{…\}` is replaced too.
  for (const c of components) if (c.instanceGuid !== undefined) pairs.push([c.instanceGuid.slice(1, -1), `GUID of ${c.preNT5Instance}`]);
  return (text) => pairs.reduce((t, [from, to]) => t.split(from).join(to), text);
}

/** Registry paths in the exporter's order: key by key, case-insensitively. */
function comparePaths(a: string, b: string): number {
  const x = a.toUpperCase().split('\\');
  const y = b.toUpperCase().split('\\');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as string) < (y[i] as string) ? -1 : 1;
  return x.length - y.length;
}

// The outputs list registry keys sorted by path, and instance GUIDs are key names: once the
// GUIDs are renamed, what was sorted by GUID is sorted again (stably, so the order of changes
// within one key stays as written).

/** A .reg export: its key blocks. */
function resortRegBlocks(text: string): string {
  const [header = '', ...blocks] = text.split(/\r\n\r\n(?=\[)/);
  const path = (block: string) => /^\[([^\]\r\n]*)\]/.exec(block)?.[1] ?? '';
  return [header, ...blocks.sort((a, b) => comparePaths(path(a), path(b)))].join('\r\n\r\n');
}

/** The report document: `apply.registryChanges`. */
function resortReportJson(text: string): string {
  const doc = JSON.parse(text) as { apply?: { registryChanges?: { path: string }[] } };
  doc.apply?.registryChanges?.sort((a, b) => comparePaths(a.path, b.path));
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The Markdown report: the rows of its "Registry changes" table (`| <change> | `path` | …`). */
function resortMarkdownChanges(text: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf('### Registry changes');
  const first = lines.findIndex((l, i) => i > start && l.startsWith('| ---')) + 1;
  if (start === -1 || first === 0) return text;
  let end = first;
  while (end < lines.length && lines[end]?.startsWith('| ')) end++;
  const path = (row: string) => /^\|[^|]*\| `([^`]*)`/.exec(row)?.[1] ?? '';
  const rows = lines.slice(first, end).sort((a, b) => comparePaths(path(a), path(b)));
  return [...lines.slice(0, first), ...rows, ...lines.slice(end)].join('\n');
}

describe('examples/nt4-workstation', () => {
  test('each vendor directory under oem/ ships its plugin package\'s own vendor files', () => {
    const pairs: [string, string][] = [['tern', 'adapter-tern-isdn'], ['meridian', 'protocol-meridian-merinet'], ['larkspur', 'service-larkspur-larkmon']];
    for (const [vendor, plugin] of pairs) {
      const source = join(REPO, 'plugins', plugin, 'vendor');
      expect(readdirSync(join(HERE, 'oem', vendor)).sort(), vendor).toEqual(readdirSync(source).sort());
      for (const file of readdirSync(source)) expect(readFileSync(join(HERE, 'oem', vendor, file)).equals(readFileSync(join(source, file))), `oem/${vendor}/${file}`).toBe(true);
    }
  });

  test('nt4-workstation.reg is what make-registry.mjs builds', async () => {
    const { machine } = (await import(new URL('./make-registry.mjs', import.meta.url).href)) as { machine: NtFixture };
    expect(Buffer.from(machine.toReg()).equals(readFileSync(REGISTRY)), 'run `node make-registry.mjs` and commit nt4-workstation.reg').toBe(true);
  });

  test('upgrade, apply and report give the expected answer file, report and Windows 2000 registry', async () => {
    const run = join(out, 'netupg-run');
    const target = join(out, 'target');
    await cli(['upgrade', '--registry', REGISTRY, '--oem', NETUPG, '--out', run, '--yes']);
    await cli(['apply', join(run, 'winnt.sif'), '--target', target, '-o', join(out, 'target.reg')]);
    await cli(['report', run, '--format', 'md', '-o', join(out, 'report.md')]);
    await cli(['report', run, '--format', 'json', '-o', join(out, 'report.json')]);

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      components: { preNT5Instance: string; status: string; nt5InfId?: string }[];
      apply: { postUpgrade: { status: string; components: AppliedComponent[] } };
    };
    expect(report.components.map((c) => `${c.preNT5Instance} ${c.status} ${c.nt5InfId ?? '-'}`)).toEqual([
      'E100B1 upgraded pci\\ven_8086&dev_1229',
      'E100B2 upgraded pci\\ven_8086&dev_1229',
      'TernIsdn1 upgraded tern_isdn_u',
      'MeriNet upgraded MRD_MeriNet',
      'NetBT built-in MS_NetBT',
      'Tcpip built-in MS_TCPIP',
      'LarkMon upgraded LSP_LarkMon',
      'LanmanServer built-in MS_Server',
      'LanmanWorkstation built-in MS_MSClient',
      'NetBIOS built-in MS_NetBIOS',
      'OspFax no-mapping -',
    ]);
    expect(report.apply.postUpgrade.status).toBe('applied');

    const answerFile = readFileSync(join(run, 'winnt.sif'));
    const normalize = normalizer(answerFile, report.apply.postUpgrade.components);
    matchGolden(answerFile, join(EXPECTED, 'winnt.sif'), { normalize });
    matchGolden(readFileSync(join(out, 'report.json'), 'utf8'), join(EXPECTED, 'report.json'), { normalize: (t) => resortReportJson(normalize(t)), encoding: 'utf8' });
    matchGolden(readFileSync(join(out, 'report.md'), 'utf8'), join(EXPECTED, 'report.md'), { normalize: (t) => resortMarkdownChanges(normalize(t)), encoding: 'utf8' });
    // The version-5 export is UTF-16LE with a BOM; the golden is its text in UTF-8, so that a diff reads.
    const targetReg = readFileSync(join(out, 'target.reg'), 'utf16le').replace(/^\uFEFF/, '');
    matchGolden(targetReg, join(EXPECTED, 'target.reg'), { normalize: (t) => resortRegBlocks(normalize(t)), encoding: 'utf8' });
  }, 120_000);

  test('netmigrate.ini, the same vendors as a plugin set, gives the same answer file', async () => {
    const run = join(out, 'plugin-set-run');
    await cli(['upgrade', '--registry', REGISTRY, '--plugins', join(HERE, 'netmigrate.ini'), '--out', run, '--yes']);
    const text = readFileSync(join(run, 'winnt.sif'), 'latin1').split(run).join('<out>/netupg-run').split(REPO_PATH).join('<repo>');
    expect(text).toBe(readFileSync(join(EXPECTED, 'winnt.sif'), 'latin1'));
  }, 120_000);
});
