// .reg parse/export benchmark for @netmigrate/registry (uses the built dist/).
//
//   cd /work/main && node_modules/.bin/tsc -b tsconfig.build.json && node --expose-gc bench/reg-parse.mjs
//
// Generates a ~100 MB version-5 (UTF-16LE) export shaped like a SYSTEM hive export (deep
// Enum/Services/Class keys, many small values, multi-strings, some large binaries), then measures,
// each in a fresh child process: parse (bytes -> Registry), parse into the operation list,
// export (Registry -> bytes) and streamed export to a file, with peak RSS. With Wine present it also times `wine reg import`
// of a 5 MB cut against our parse of the same cut.
//
// Options: --size <MB> (default 100), --runs <n> (default 3), --keep (keep the temp dir),
// --no-wine. Environment: WINEPREFIX (default: a prefix created under the temp dir), WINE64.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const MB = 1e6;
const WINE_RUNS = 5;

// ---------------------------------------------------------------- generator

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/** Writes UTF-16LE text to a file in ~1 MB pieces. */
class Utf16File {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.parts = [];
    this.pending = 0;
    this.bytes = 2;
    writeSync(this.fd, Buffer.from([0xff, 0xfe]));
  }
  write(s) {
    this.parts.push(s);
    this.pending += s.length;
    this.bytes += s.length * 2;
    if (this.pending > 512 * 1024) this.flush();
  }
  flush() {
    writeSync(this.fd, Buffer.from(this.parts.join(''), 'utf16le'));
    this.parts = [];
    this.pending = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

const hex2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A value line as reg export writes it: hex data wrapped at 77 columns with ",\" + CRLF + 2 blanks. */
function hexValue(name, type, bytes) {
  const head = `${name === '' ? '@' : `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`}=${type === 3 ? 'hex:' : `hex(${type.toString(16)}):`}`;
  const out = [head];
  let lineLen = head.length;
  for (let i = 0; i < bytes.length; i++) {
    out.push(hex2[bytes[i]]);
    if (i === bytes.length - 1) break;
    out.push(',');
    lineLen += 3;
    if (lineLen >= 77) {
      out.push('\\\r\n  ');
      lineLen = 2;
    }
  }
  return out.join('') + '\r\n';
}
const utf16Bytes = (s) => Buffer.from(s, 'utf16le');
const sz = (name, s) => `${name === '' ? '@' : `"${name}"`}="${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\r\n`;
const dword = (name, n) => `"${name}"=dword:${(n >>> 0).toString(16).padStart(8, '0')}\r\n`;
const expand = (name, s) => hexValue(name, 2, utf16Bytes(`${s}\0`));
const multi = (name, list) => hexValue(name, 7, utf16Bytes(`${list.join('\0')}\0\0`));

function generate(path, targetBytes, root, seed) {
  const rand = rng(seed);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const int = (n) => Math.floor(rand() * n);
  const bin = (n) => Uint8Array.from({ length: n }, () => int(256));
  const guid = () => `{${[8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => pick('0123456789ABCDEF')).join('')).join('-')}}`;
  const words = ['Network', 'Adapter', 'Microsoft', 'Intel', 'PRO', 'Ethernet', 'Service', 'Driver', 'Filter', 'Miniport', 'Protocol', 'Tcpip', 'NetBT', 'Remote', 'Access', 'Kernel', 'Storage', 'Volume', 'Port', 'Bus'];
  const phrase = (n) => Array.from({ length: n }, () => pick(words)).join(' ');
  const f = new Utf16File(path);
  f.write('Windows Registry Editor Version 5.00\r\n');
  const key = (p) => f.write(`\r\n[${root}\\${p}]\r\n`);
  let n = 0;
  while (f.bytes < targetBytes) {
    n++;
    const svc = `${pick(words)}${n}`;
    // Services\<svc> with Parameters, Linkage, Security, Enum (the bulk of a SYSTEM hive).
    key(`ControlSet001\\Services\\${svc}`);
    f.write(sz('DisplayName', `@%SystemRoot%\\system32\\drivers\\${svc}.sys,-${int(1000)}`));
    f.write(dword('ErrorControl', int(3)));
    f.write(sz('Group', pick(['NDIS', 'PNP_TDI', 'Base', 'Network', 'Extended Base'])));
    f.write(expand('ImagePath', `\\SystemRoot\\system32\\DRIVERS\\${svc.toLowerCase()}.sys`));
    f.write(dword('Start', int(5)));
    f.write(dword('Type', pick([1, 2, 16, 32])));
    if (rand() < 0.6) f.write(multi('DependOnService', Array.from({ length: 1 + int(3) }, () => pick(words))));
    f.write(sz('Description', phrase(4 + int(8))));
    key(`ControlSet001\\Services\\${svc}\\Parameters`);
    for (let i = int(8); i >= 0; i--) f.write(rand() < 0.5 ? dword(`${pick(words)}${i}`, int(100000)) : sz(`${pick(words)}Path${i}`, `C:\\WINNT\\system32\\${pick(words)}.dll`));
    key(`ControlSet001\\Services\\${svc}\\Linkage`);
    f.write(multi('Bind', Array.from({ length: 1 + int(4) }, () => `\\Device\\${guid()}`)));
    f.write(multi('Export', Array.from({ length: 1 + int(4) }, () => `\\Device\\${svc}_${guid()}`)));
    f.write(multi('Route', Array.from({ length: 1 + int(4) }, () => `"${pick(words)}" "${guid()}"`)));
    key(`ControlSet001\\Services\\${svc}\\Security`);
    f.write(hexValue('Security', 3, bin(120 + int(100))));
    key(`ControlSet001\\Services\\${svc}\\Enum`);
    f.write(sz('0', `PCI\\VEN_8086&DEV_${int(0xffff).toString(16).toUpperCase()}\\3&61aaa01&0&${int(99)}`));
    f.write(dword('Count', 1));
    f.write(dword('NextInstance', 1));
    // Enum\PCI\<device>\<instance> with Device Parameters and LogConf.
    const dev = `ControlSet001\\Enum\\PCI\\VEN_8086&DEV_${int(0xffff).toString(16).toUpperCase()}&SUBSYS_${int(0xffffff).toString(16)}\\3&61aaa01&0&${int(99)}`;
    key(dev);
    f.write(sz('DeviceDesc', phrase(3)));
    f.write(multi('HardwareID', [`PCI\\VEN_8086&DEV_${n}`, `PCI\\VEN_8086&DEV_${n}&CC_020000`, 'PCI\\CC_0200']));
    f.write(multi('CompatibleIDs', ['PCI\\VEN_8086&DEV_1229&REV_08', 'PCI\\CC_020000', 'PCI\\CC_0200']));
    f.write(sz('Class', 'Net'));
    f.write(sz('ClassGUID', '{4D36E972-E325-11CE-BFC1-08002BE10318}'));
    f.write(sz('Driver', `{4D36E972-E325-11CE-BFC1-08002BE10318}\\${String(n % 10000).padStart(4, '0')}`));
    f.write(dword('ConfigFlags', 0));
    f.write(dword('Capabilities', int(0x200)));
    key(`${dev}\\Device Parameters`);
    f.write(dword('InterruptNumber', int(16)));
    key(`${dev}\\LogConf`);
    f.write(hexValue('BootConfig', 8, bin(48 + int(64))));
    f.write(hexValue('BasicConfigVector', 10, bin(100 + int(300))));
    // Control\Class\{GUID}\nnnn with Ndi\params\<param>\enum.
    const cls = `ControlSet001\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\${String(n % 10000).padStart(4, '0')}`;
    key(cls);
    f.write(sz('DriverDesc', phrase(3)));
    f.write(sz('InfPath', `oem${int(99)}.inf`));
    f.write(sz('NetCfgInstanceId', guid()));
    key(`${cls}\\Ndi\\params\\SpeedDuplex`);
    f.write(sz('ParamDesc', 'Link Speed & Duplex'));
    f.write(sz('default', '0'));
    f.write(sz('type', 'enum'));
    key(`${cls}\\Ndi\\params\\SpeedDuplex\\enum`);
    for (let i = 0; i < 5; i++) f.write(sz(String(i), phrase(2)));
    // Now and then a large binary (performance counters, policy blobs).
    if (n % 97 === 0) {
      key(`ControlSet001\\Control\\Blobs\\${svc}`);
      f.write(hexValue('Data', 3, bin(8192 + int(65536))));
    }
  }
  f.close();
  return f.bytes;
}

// ---------------------------------------------------------------- child measurements

function gc() {
  globalThis.gc?.();
}

async function child(mode, file) {
  const reg = await import('@netmigrate/registry');
  let bytes = readFileSync(file);
  gc();
  const rssBefore = process.memoryUsage().rss;
  let result;
  if (mode === 'parse') {
    const t0 = performance.now();
    const { registry, file: parsed } = reg.importRegFile(bytes);
    const ms = performance.now() - t0;
    const keys = countKeys(registry.roots());
    result = { ms, keys: keys.keys, values: keys.values, warnings: parsed.warnings.length };
  } else if (mode === 'parse-warm') {
    // Steady state: the same parse repeated in one process; the best of the last five runs.
    const times = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      reg.importRegFile(bytes);
      times.push(performance.now() - t0);
    }
    result = { ms: Math.min(...times.slice(5)), first: times[0] };
  } else if (mode === 'operations') {
    const t0 = performance.now();
    const parsed = reg.parseRegFile(bytes);
    const ms = performance.now() - t0;
    result = { ms, operations: parsed.operations.length };
  } else if (mode === 'export') {
    const { registry } = reg.importRegFile(bytes);
    bytes = undefined; // measure the export, not the input file still held
    gc();
    const t0 = performance.now();
    const out = reg.exportReg(registry, { format: 'regedit5' });
    const ms = performance.now() - t0;
    result = { ms, outBytes: out.length };
  } else if (mode === 'export-stream') {
    const { registry } = reg.importRegFile(bytes);
    bytes = undefined;
    gc();
    const fd = openSync(`${file}.out`, 'w');
    let outBytes = 0;
    const t0 = performance.now();
    reg.exportRegTo(registry, { format: 'regedit5' }, (chunk) => {
      writeSync(fd, chunk);
      outBytes += chunk.length;
    });
    const ms = performance.now() - t0;
    closeSync(fd);
    rmSync(`${file}.out`);
    result = { ms, outBytes };
  }
  gc();
  result.maxRssKB = process.resourceUsage().maxRSS;
  result.rssBeforeKB = Math.round(rssBefore / 1024);
  process.stdout.write(JSON.stringify(result) + '\n');
}

function countKeys(views) {
  let keys = 0;
  let values = 0;
  const stack = [...views];
  while (stack.length) {
    const k = stack.pop();
    keys++;
    values += k.values().length;
    stack.push(...k.subkeys());
  }
  return { keys, values };
}

function measure(mode, file) {
  const r = spawnSync(process.execPath, ['--expose-gc', SELF, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`child ${mode} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// ---------------------------------------------------------------- Wine

function wineCompare(dir, ourParseMBps) {
  const wine = process.env.WINE64 ?? '/usr/lib/wine/wine64';
  if (!existsSync(wine)) return console.log('\nWine: not found, skipped');
  const prefix = process.env.WINEPREFIX ?? join(dir, 'wineprefix');
  const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all' };
  const run = (args) => spawnSync(wine, args, { env, encoding: 'utf8' });
  // Commands that may start the wineserver daemon get no pipes: the daemon would inherit them and
  // spawnSync would wait for it forever.
  const detached = (cmd, args) => spawnSync(cmd, args, { env, stdio: 'ignore' });
  if (!existsSync(join(prefix, 'system.reg'))) {
    console.log(`\nWine: creating prefix ${prefix} (once) ...`);
    detached(wine, ['wineboot', '-i']);
  }
  detached(wine.replace(/wine64$/, 'wineserver64'), ['-p']);
  const cut = join(dir, 'cut-5mb.reg');
  const cutBytes = generate(cut, 5 * MB, 'HKEY_CURRENT_USER\\Software\\NetmigrateBench', 42);
  const empty = join(dir, 'empty.reg');
  generate(empty, 0, 'HKEY_CURRENT_USER\\Software\\NetmigrateBench', 1);
  const winPath = (p) => `Z:${p.replaceAll('/', '\\')}`;
  const time = (f) => {
    run(['reg', 'delete', 'HKCU\\Software\\NetmigrateBench', '/f']);
    const t0 = performance.now();
    const r = run(['reg', 'import', winPath(f)]);
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`wine reg import failed: ${r.stdout}${r.stderr}`);
    return ms;
  };
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const startup = median([time(empty), time(empty), time(empty)]);
  // Wine and ours alternate, so a load spike on a shared machine hits both sides of a pair.
  // Ours runs in a fresh process, like Wine (cold JIT: a 5 MB file is mostly V8 warm-up), and
  // warmed up (the same parse repeated in one process).
  const wineRuns = [];
  const ourRuns = [];
  const warmRuns = [];
  for (let i = 0; i < WINE_RUNS; i++) {
    wineRuns.push(time(cut));
    ourRuns.push(measure('parse', cut).ms);
    warmRuns.push(measure('parse-warm', cut).ms);
  }
  run(['reg', 'delete', 'HKCU\\Software\\NetmigrateBench', '/f']);
  const warm = median(warmRuns);
  const pairRatio = (ours) => median(wineRuns.map((w, i) => w / ours[i]));
  const mbps = (ms) => cutBytes / MB / (ms / 1000);
  const fmt = (runs) => `median ${median(runs).toFixed(0)} ms (${mbps(median(runs)).toFixed(1)} MB/s), best ${Math.min(...runs).toFixed(0)} ms (${mbps(Math.min(...runs)).toFixed(1)} MB/s)`;
  console.log(`\nWine 8 \`reg import\` of a ${(cutBytes / MB).toFixed(1)} MB cut, ${WINE_RUNS} runs: ${fmt(wineRuns)}; runs: ${wineRuns.map((x) => x.toFixed(0)).join(', ')} ms`);
  console.log(`  of which process start (empty file): ${startup.toFixed(0)} ms`);
  console.log(`ours on the same cut, fresh process per run (cold JIT): ${fmt(ourRuns)}`);
  console.log(`ours on the same cut, warmed up (best of parses 6-10 in one process; median of ${WINE_RUNS} processes): ${warm.toFixed(1)} ms (${mbps(warm).toFixed(0)} MB/s)`);
  const wineNet = (ms) => Math.max(1, ms - startup);
  console.log('ours/Wine speed:');
  console.log(`  same cut, run pairs (median of Wine/ours per pair): cold ${pairRatio(ourRuns).toFixed(1)}x, warm ${pairRatio(warmRuns).toFixed(1)}x`);
  console.log(`  same cut, cold, medians:                   ${(median(wineRuns) / median(ourRuns)).toFixed(1)}x`);
  console.log(`  same cut, cold, best against best:         ${(Math.min(...wineRuns) / Math.min(...ourRuns)).toFixed(1)}x`);
  console.log(`  same cut, warm, against Wine's median/best: ${(median(wineRuns) / warm).toFixed(1)}x / ${(Math.min(...wineRuns) / warm).toFixed(1)}x (Wine without its process start: ${(wineNet(median(wineRuns)) / warm).toFixed(1)}x / ${(wineNet(Math.min(...wineRuns)) / warm).toFixed(1)}x)`);
  console.log(`  (full-size figures below come from the runs above, not paired with these Wine runs)`);
  console.log(`  full-size parse (${ourParseMBps.toFixed(0)} MB/s) vs Wine without process start: median ${(ourParseMBps / mbps(wineNet(median(wineRuns)))).toFixed(1)}x, best ${(ourParseMBps / mbps(wineNet(Math.min(...wineRuns)))).toFixed(1)}x`);
}

// ---------------------------------------------------------------- main

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2]);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : def;
  };
  const sizeMB = Number(opt('--size', '100'));
  const runs = Number(opt('--runs', '3'));
  const dir = mkdtempSync(join(tmpdir(), 'netmigrate-reg-bench-'));
  try {
    const file = join(dir, 'system-export.reg');
    const t0 = performance.now();
    const size = generate(file, sizeMB * MB, 'HKEY_LOCAL_MACHINE\\SYSTEM', 7);
    console.log(`generated ${file}: ${(size / MB).toFixed(1)} MB (UTF-16LE, version 5) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(`node ${process.version}, ${runs} runs each, fresh child process per run; MB = 10^6 bytes\n`);
    const report = (label, mode, bytesOf) => {
      const rs = Array.from({ length: runs }, () => measure(mode, file));
      const best = rs.reduce((a, b) => (a.ms <= b.ms ? a : b));
      const peak = Math.max(...rs.map((r) => r.maxRssKB)) * 1024;
      const mbps = bytesOf(best) / MB / (best.ms / 1000);
      console.log(`${label.padEnd(26)} ${mbps.toFixed(0).padStart(5)} MB/s  (best ${best.ms.toFixed(0)} ms of ${rs.map((r) => r.ms.toFixed(0)).join(', ')})  peak RSS ${(peak / MB).toFixed(0)} MB = ${(peak / size).toFixed(2)}x the file`);
      return { best, mbps, peak };
    };
    const parse = report('parse (bytes -> Registry)', 'parse', () => size);
    console.log(`  ${parse.best.keys} keys, ${parse.best.values} values, ${parse.best.warnings} warnings`);
    report('parse -> operation list', 'operations', () => size);
    const exp = report('export (Registry -> bytes)', 'export', (r) => r.outBytes);
    console.log(`  output ${(exp.best.outBytes / MB).toFixed(1)} MB (every key of the tree, sorted; the generator wrote no parent-only keys)`);
    report('export streamed to a file', 'export-stream', (r) => r.outBytes);
    if (!args.includes('--no-wine')) wineCompare(dir, parse.mbps);
    if (statSync(file).size !== size) throw new Error('size mismatch');
  } finally {
    if (args.includes('--keep')) console.log(`\nkept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
