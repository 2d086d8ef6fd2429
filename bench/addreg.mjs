// AddReg executor benchmark for @netmigrate/setupapi: prints figures, asserts nothing.
//   npm run bench:addreg            (builds first)
//   node --expose-gc bench/addreg.mjs [--lines 1000000] [--runs 5] [--wine-lines 10000] [--wine-runs 5] [--no-wine] [--keep]
// Needs the build (tsc -b tsconfig.build.json): the packages resolve to their dist/.
//
// Generates a deterministic INF whose install section names one AddReg section of --lines
// entries (SZ, EXPAND_SZ, MULTI_SZ, DWORD as a number and as bytes, BINARY, key-only and
// NOCLOBBER lines; HKR and HKLM roots; groups of lines per key, ~1 key per 6 lines; %strkey%,
// %%, quoted fields with commas and "" inside, inline comments), then measures each figure in
// a fresh child process. With Wine it also times `rundll32 setupapi.dll,InstallHinfSection`
// against ours on a --wine-lines cut whose lines all live under HKLM\Software\NetmigrateBench,
// and checks that both leave the same keys and values behind.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
const SELF = fileURLToPath(import.meta.url);
const HKR = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0000';
const BENCH_ROOT = 'HKLM\\Software\\NetmigrateBench';
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

// ---------------------------------------------------------------- child measurements
if (args[0] === '--child') {
  const [, what, file, runsArg, optionsJson] = args;
  const runs = Number(runsArg);
  const extra = JSON.parse(optionsJson ?? '{}');
  const gc = globalThis.gc ?? (() => {});
  const rssStart = process.memoryUsage().rss;
  const { parseInf } = await import('@netmigrate/inf');
  const { Registry, exportReg } = await import('@netmigrate/registry');
  const { runInstallSection } = await import('@netmigrate/setupapi');
  const rssLoaded = process.memoryUsage().rss;
  const bytes = readFileSync(file);
  const install = (doc) => {
    const registry = new Registry();
    const result = runInstallSection(doc, 'Bench.Install', { registry, hkr: extra.hkr, ...(extra.options ?? {}) });
    return { registry, result };
  };
  // CPU time (all threads, GC included): less disturbed than wall time by other processes.
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const summary = (result) => {
    let keys = 0;
    let values = 0;
    for (const c of result.changes) {
      if (c.op === 'create-key') keys++;
      else if (c.op === 'set-value') values++;
    }
    return { changes: result.changes.length, keysCreated: keys, valuesSet: values, diagnostics: result.diagnostics.length };
  };
  let out;
  if (what === 'memory') {
    // One parse and one execute: the peak is what this input costs, nothing accumulated.
    gc();
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const doc = parseInf(bytes);
    const t1 = performance.now();
    const { result } = install(doc);
    const t2 = performance.now();
    const peak = process.resourceUsage().maxRSS * 1024;
    out = { parseMs: t1 - t0, execMs: t2 - t1, peak, rssStart, rssLoaded, rssBefore, ...summary(result) };
  } else if (what === 'execute') {
    // The document is parsed once; each run executes it into a fresh Registry. Lines are
    // tokenized lazily, so every run tokenizes, substitutes and applies every line again.
    const doc = parseInf(bytes);
    const times = [];
    const cpu = [];
    let s;
    for (let i = 0; i < runs; i++) {
      gc();
      const t = performance.now();
      const c = cpuMs();
      const { result } = install(doc);
      times.push(performance.now() - t);
      cpu.push(cpuMs() - c);
      s = summary(result);
    }
    out = { times, cpu, ...s };
  } else if (what === 'end-to-end') {
    // bytes → document → registry, repeated.
    const times = [];
    const parse = [];
    for (let i = 0; i < runs; i++) {
      gc();
      const t0 = performance.now();
      const doc = parseInf(bytes);
      const t1 = performance.now();
      install(doc);
      const t2 = performance.now();
      times.push(t2 - t0);
      parse.push(t1 - t0);
    }
    out = { times, parse };
  } else if (what === 'cold') {
    // One bytes → registry run in a process that has done nothing else (as a Wine process is).
    const t0 = performance.now();
    const { registry, result } = install(parseInf(bytes));
    const ms = performance.now() - t0;
    out = { ms, ...summary(result) };
    if (extra.exportTo) writeFileSync(extra.exportTo, exportReg(registry, { format: 'regedit5', keys: [BENCH_ROOT], sortValues: true }));
  } else if (what === 'calibrate') {
    // The floor: one pass over the section's characters looking for line ends, nothing else.
    const text = bytes.toString('latin1');
    const from = text.indexOf('[Bench.Reg]');
    const to = text.indexOf('[Strings]');
    const times = [];
    let lines = 0;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      lines = 0;
      for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x0a) lines++;
      times.push(performance.now() - t);
    }
    out = { times, bytes: to - from, lines };
  } else if (what === 'warm') {
    // The same run repeated in one process; the best of the second half.
    const times = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      install(parseInf(bytes));
      times.push(performance.now() - t0);
    }
    out = { ms: Math.min(...times.slice(10)) };
  }
  process.stdout.write(JSON.stringify({ size: bytes.length, ...out }));
  process.exit(0);
}

// ---------------------------------------------------------------- generator
/**
 * Deterministic INF with [Bench.Install] AddReg=Bench.Reg and `lines` entries in [Bench.Reg].
 * `wine`: HKR lines go to HKLM\Software\NetmigrateBench\Instance instead (InstallHinfSection
 * has no HKR key), so everything the section writes is under our own root.
 */
function generate(lines, { wine = false, seed = 0x2545f491 } = {}) {
  const rand = (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const hkr = (sub) => (wine ? `HKLM, Software\\NetmigrateBench\\Instance${sub === '' ? '' : `\\${sub}`}` : `HKR, ${sub}`);
  const out = [];
  let n = 0;
  const emit = (s) => {
    if (n < lines) {
      out.push(s);
      n++;
    }
  };
  const STRINGS = 5000;
  let group = 0;
  while (n < lines) {
    const g = group++;
    const r = rand(100);
    const str = rand(STRINGS);
    if (r < 40) {
      // An adapter parameter (Ndi\params\X): description, type, default, range, enum options.
      const key = `Ndi\\params\\Param${g}`;
      emit(`${hkr(key)}, ParamDesc, 0, "%Param${str}.Desc%"`);
      emit(`${hkr(key)}, type, 0, "${r < 20 ? 'enum' : 'int'}"`);
      emit(`${hkr(key)}, default, , "${rand(100)}"`);
      if (r < 20) {
        const options = 2 + rand(4);
        for (let i = 0; i < options; i++) emit(`${hkr(`${key}\\enum`)}, "${i}", 0, "Option ""${i}"" of %Mfg%"   ; choice ${i}`);
      } else {
        emit(`${hkr(key)}, min, 0x00010001, 0`);
        emit(`${hkr(key)}, max, 0x00010001, ${1 + rand(65535)}`);
        emit(`${hkr(key)}, step, 0x00010001, 1`);
      }
    } else if (r < 55) {
      // Binding values: MULTI_SZ lists, one of them appended to.
      const key = `Linkage${g}`;
      emit(`${hkr(key)}, Bind, 0x00010000, "\\Device\\E100B${g}", "\\Device\\NetBT_Tcpip_{${g}}", "\\Device\\Tcpip"`);
      emit(`${hkr(key)}, Export, 0x00010000, "\\Device\\Bench${g}"`);
      emit(`${hkr(key)}, Route, 0x00010000, """E100B${g}"""`);
      emit(`${hkr(key)}, Route, 0x00010008, """Tcpip""", """e100b${g}"""`);
      emit(`${hkr(key)}, Description, 0, "Linkage, with a comma, for %Mfg%"`);
    } else {
      // A service key under our own HKLM root: EXPAND_SZ, DWORDs (number and bytes), BINARY.
      const key = `Software\\NetmigrateBench\\Services\\Svc${g}\\Parameters`;
      emit(`HKLM, ${key}, ImagePath, 0x00020000, "%%SystemRoot%%\\System32\\drivers\\svc${g}.sys"`);
      emit(`HKLM, ${key}, Start, 0x00010001, ${rand(5)}`);
      emit(`HKLM, ${key}, Type, 0x00010001, 01,00,00,00`);
      emit(`HKLM, ${key}, NetworkAddress, 1, 00,a0,c9,${(g & 0xff).toString(16).padStart(2, '0')},${rand(256).toString(16)},${rand(256).toString(16)}`);
      emit(`HKLM, ${key}, DisplayName, 0x00000002, "%Param${str}.Desc%"`);
      if (r < 65) emit(`HKLM, ${key}\\Security,,0x00000010`);
      if (r < 70) emit(`HKLM, ${key}, TcpWindowSize, 0x00010001, 0x${(1 << (10 + rand(6))).toString(16)}`);
    }
  }
  const head = [
    '; Generated by bench/addreg.mjs',
    '[Version]',
    'Signature="$Windows NT$"',
    'Class=Net',
    'Provider=%Mfg%',
    '',
    '[Bench.Install]',
    'AddReg=Bench.Reg',
    '',
    '[Bench.Empty]',
    '; nothing to do: times the process start',
    '',
    '[Bench.Reg]',
  ];
  const strings = ['', '[Strings]', 'Mfg = "Bench Networks, Inc."'];
  for (let i = 0; i < STRINGS; i++) strings.push(`Param${i}.Desc = "Description of parameter ${i}"`);
  return `${[...head, ...out, ...strings].join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- driver
function child(what, file, runs, extra = {}) {
  const r = spawnSync(process.execPath, ['--expose-gc', SELF, '--child', what, file, String(runs), JSON.stringify(extra)], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function wineCompare(dir, lines, runs) {
  const wine = process.env.WINE64 ?? '/usr/lib/wine/wine64';
  if (!existsSync(wine)) return console.log(`\nWine: ${wine} not found, comparison skipped`);
  const prefix = process.env.WINEPREFIX ?? join(dir, 'wineprefix');
  const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all' };
  const run = (a) => spawnSync(wine, a, { env, encoding: 'utf8' });
  // Commands that may start the wineserver get no pipes: the daemon would inherit them and
  // spawnSync would wait for it forever.
  const detached = (cmd, a) => spawnSync(cmd, a, { env, stdio: 'ignore' });
  const server = wine.replace(/wine64$/, 'wineserver64');
  if (!existsSync(join(prefix, 'system.reg'))) {
    console.log(`\nWine: creating prefix ${prefix} (once) ...`);
    detached(wine, ['wineboot', '-i']);
  }
  detached(server, ['-p']);
  try {
    const file = join(dir, 'wine-cut.inf');
    writeFileSync(file, generate(lines, { wine: true, seed: 42 }), 'latin1');
    const winPath = `Z:${file.replaceAll('/', '\\')}`;
    const time = (section) => {
      run(['reg', 'delete', BENCH_ROOT, '/f']);
      const t0 = performance.now();
      const r = spawnSync(wine, ['rundll32', 'setupapi.dll,InstallHinfSection', section, '128', winPath], { env, stdio: 'ignore' });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`wine rundll32 InstallHinfSection ${section} failed (exit ${r.status})`);
      return ms;
    };
    time('Bench.Empty'); // warm the server and the page cache
    const empty = [time('Bench.Empty'), time('Bench.Empty'), time('Bench.Empty')];
    // Wine and ours alternate, so a load spike on the shared machine hits both sides of a pair.
    const wineRuns = [];
    const cold = [];
    const coldProcess = [];
    for (let i = 0; i < runs; i++) {
      wineRuns.push(time('Bench.Install'));
      const t0 = performance.now();
      cold.push(child('cold', file, 1, { hkr: HKR }).ms);
      coldProcess.push(performance.now() - t0);
    }
    const warm = median(Array.from({ length: 3 }, () => child('warm', file, 1, { hkr: HKR }).ms));

    // Agreement: Wine's result (reg export) against ours, key by key and value by value.
    const wineReg = join(dir, 'wine.reg');
    const ourReg = join(dir, 'ours.reg');
    run(['reg', 'export', BENCH_ROOT, `Z:${wineReg.replaceAll('/', '\\')}`, '/y']);
    const ours = child('cold', file, 1, { hkr: HKR, exportTo: ourReg });
    const agreement = compareExports(wineReg, ourReg);
    run(['reg', 'delete', BENCH_ROOT, '/f']);

    const wMed = median(wineRuns);
    const eMed = median(empty);
    const oMed = median(cold);
    const pMed = median(coldProcess);
    const f = (ms) => `${ms.toFixed(1)} ms`;
    const lps = (ms) => `${Math.round(lines / (ms / 1000)).toLocaleString('en-US')} lines/s`;
    console.log(`\nWine 8 vs ours on the same ${lines.toLocaleString('en-US')}-line AddReg section (HKLM\\Software\\NetmigrateBench), ${runs} runs each, alternating, wineserver kept up:`);
    console.log(`  Wine rundll32 setupapi.dll,InstallHinfSection: median ${f(wMed)} (${wineRuns.map((x) => x.toFixed(0)).join(', ')} ms)`);
    console.log(`    of which process start (empty install section): median ${f(eMed)} (${empty.map((x) => x.toFixed(0)).join(', ')} ms)`);
    console.log(`    without process start: ${f(wMed - eMed)} = ${lps(wMed - eMed)}`);
    console.log(`  ours, bytes → registry in a fresh process (cold JIT): median ${f(oMed)} (${cold.map((x) => x.toFixed(1)).join(', ')} ms) = ${lps(oMed)}`);
    console.log(`  ours, the same repeated in one process (warm): ${f(warm)} = ${lps(warm)}`);
    console.log(`  ours, whole node process (start, import, read, parse, execute): median ${f(pMed)}`);
    console.log('  ratio Wine / ours:');
    console.log(`    raw (Wine's whole run vs our cold in-process run):           ${(wMed / oMed).toFixed(1)}x`);
    console.log(`    startup-subtracted (Wine minus its empty run vs our cold run): ${((wMed - eMed) / oMed).toFixed(1)}x`);
    console.log(`    startup-subtracted vs our warm run:                            ${((wMed - eMed) / warm).toFixed(1)}x`);
    console.log(`    process vs process (both including their process start):      ${(wMed / pMed).toFixed(1)}x`);
    console.log(`  agreement (reg export of Wine's result vs exportReg of ours): ${agreement}; ours: ${ours.keysCreated} keys created, ${ours.valuesSet} values set, ${ours.diagnostics} diagnostics`);
  } finally {
    detached(server, ['-k']);
  }
}

/** Compares two .reg exports as registries (Wine's export vs ours), so formatting does not matter. */
function compareExports(wineFile, ourFile) {
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { readFileSync } from 'node:fs';
       import { importRegFile, diffRegistries } from '@netmigrate/registry';
       const a = importRegFile(readFileSync(${JSON.stringify(wineFile)})).registry;
       const b = importRegFile(readFileSync(${JSON.stringify(ourFile)})).registry;
       const d = diffRegistries(a, b, { keys: [${JSON.stringify(BENCH_ROOT)}] });
       let keys = 0, values = 0;
       const walk = (k) => { keys++; values += k.values().length; for (const s of k.subkeys()) walk(s); };
       const root = a.key(${JSON.stringify(BENCH_ROOT)}); if (root) walk(root);
       process.stdout.write(d.length === 0 ? 'identical (' + keys + ' keys, ' + values + ' values)' : d.length + ' differences, first: ' + JSON.stringify(d.slice(0, 3).map((e) => ({ kind: e.kind, path: e.path, name: e.name, before: e.before?.toString(), after: e.after?.toString() }))));`,
    ],
    { encoding: 'utf8', cwd: join(SELF, '..'), maxBuffer: 16 * MB },
  );
  return r.status === 0 ? r.stdout : `comparison failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`;
}

const lines = Number(opt('lines', '1000000'));
const runs = Number(opt('runs', '5'));
const wineLines = Number(opt('wine-lines', '10000'));
const wineRuns = Number(opt('wine-runs', '5'));
const dir = mkdtempSync(join(tmpdir(), 'addreg-bench-'));
try {
  const file = join(dir, 'bench.inf');
  const text = generate(lines);
  writeFileSync(file, text, 'latin1');
  const size = text.length;
  console.log(
    `addreg: ${lines.toLocaleString('en-US')}-line AddReg section, ${(size / MB).toFixed(1)} MB INF (CRLF, Windows-1252); ` +
      `${runs} runs per figure, each figure in a fresh process (node ${process.version})`,
  );
  const mem = child('memory', file, 1, { hkr: HKR });
  const memLean = child('memory', file, 1, { hkr: HKR, options: { recordChanges: false } });
  const exec = child('execute', file, runs, { hkr: HKR });
  const lean = child('execute', file, runs, { hkr: HKR, options: { recordChanges: false } });
  const e2e = child('end-to-end', file, runs, { hkr: HKR });
  const cal = child('calibrate', file, runs);
  const lps = (ms) => `${Math.round(lines / (ms / 1000)).toLocaleString('en-US')} lines/s`;
  const mbps = (ms) => `${(size / MB / (ms / 1000)).toFixed(0)} MB/s`;
  const ms = (t) => `${t.toFixed(0)} ms`;
  const execRow = (label, r) => [
    label,
    lps(median(r.times)),
    `median ${ms(median(r.times))}, best ${ms(Math.min(...r.times))} (${lps(Math.min(...r.times))}); CPU time best ${ms(Math.min(...r.cpu))} (${lps(Math.min(...r.cpu))}); runs ${r.times.map((t) => t.toFixed(0)).join(', ')} ms`,
  ];
  const rssRow = (label, m) => [label, `${(m.peak / MB).toFixed(0)} MB`, `${(m.peak / size).toFixed(1)}x the input; ${((m.peak - m.rssLoaded) / MB).toFixed(0)} MB = ${((m.peak - m.rssLoaded) / size).toFixed(1)}x above node + modules (${(m.rssLoaded / MB).toFixed(0)} MB)`];
  const rows = [
    ['parse (bytes → document)', mbps(median(e2e.parse)), `median ${ms(median(e2e.parse))}, best ${ms(Math.min(...e2e.parse))}`],
    execRow('execute, document already parsed ("in memory")', exec),
    execRow('  the same with recordChanges: false', lean),
    ['  first execute in a fresh process (cold JIT)', lps(mem.execMs), ms(mem.execMs)],
    ['end to end (bytes → registry)', lps(median(e2e.times)), `median ${ms(median(e2e.times))}, best ${ms(Math.min(...e2e.times))}`],
    rssRow('peak RSS, one parse + execute (process total)', mem),
    rssRow('  the same with recordChanges: false', memLean),
    ['calibration: a bare loop over the section text', `${(cal.bytes / MB / (median(cal.times) / 1000)).toFixed(0)} MB/s`, `finds ${cal.lines.toLocaleString('en-US')} line ends in ${(median(cal.times)).toFixed(1)} ms: the machine's speed right now, for comparing runs`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w)}  ${b.padStart(18)}  ${c}`);
  console.log(`  result: ${exec.keysCreated.toLocaleString('en-US')} keys created, ${exec.valuesSet.toLocaleString('en-US')} values set, ${exec.changes.toLocaleString('en-US')} change records, ${exec.diagnostics} diagnostics`);
  console.log(`  load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (${cpus().length} CPUs)`);
  if (args.includes('--no-wine')) console.log('\nWine: comparison skipped (--no-wine)');
  else wineCompare(dir, wineLines, wineRuns);
} finally {
  if (args.includes('--keep')) console.log(`\nkept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
