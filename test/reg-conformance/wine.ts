// Drives real Wine: one throwaway prefix, one persistent wineserver, and a `reg import` then a
// `reg export` per case, a few cases at a time. Every call is a real wine64 process.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WineTools {
  wine: string;
  wineserver: string;
}

const WINE_CANDIDATES = ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/lib/wine/wine', '/usr/bin/wine'];
const SERVER_CANDIDATES = ['/usr/lib/wine/wineserver64', '/usr/bin/wineserver64', '/usr/lib/wine/wineserver', '/usr/bin/wineserver'];

function onPath(name: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p !== '' ? p : null;
}

/** The wine64 and wineserver binaries, or a message saying why there are none. */
export function findWine(): WineTools | { missing: string } {
  const fromEnv = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);
  const wine = fromEnv(process.env.WINE) ?? WINE_CANDIDATES.find((p) => existsSync(p)) ?? onPath('wine64') ?? onPath('wine');
  const wineserver =
    fromEnv(process.env.WINESERVER) ?? SERVER_CANDIDATES.find((p) => existsSync(p)) ?? onPath('wineserver64') ?? onPath('wineserver');
  if (!wine || !wineserver || !existsSync(wine) || !existsSync(wineserver)) {
    return {
      missing:
        'Wine is required for the live .reg conformance run and was not found ' +
        `(looked for ${WINE_CANDIDATES.join(', ')} and wine64/wine on PATH; wineserver likewise). ` +
        'Install it with `apt-get install wine64` (what .ci/run does) or point WINE and WINESERVER at the binaries. ' +
        'The plain test suite compares against recorded Wine output and needs no Wine.',
    };
  }
  return { wine, wineserver };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Converts a host path to what Wine sees through its Z: drive. */
export function winePath(hostPath: string): string {
  return `Z:${hostPath.replace(/\//g, '\\')}`;
}

export interface CaseRun {
  importCode: number;
  /** What reg import printed (warnings such as unknown escapes), normalised to LF. */
  importOutput: string;
  exportCode: number;
  /** reg export's file, or null when the key does not exist (nothing imported). */
  exported: Uint8Array | null;
  /** Wall time of the two Wine calls. */
  ms: number;
}

export class WinePrefix {
  private constructor(
    readonly tools: WineTools,
    readonly dir: string,
    readonly work: string,
    readonly env: NodeJS.ProcessEnv,
    readonly version: string,
  ) {}

  /** Creates and boots a fresh prefix, with a server that stays up until dispose(). */
  static async create(tools: WineTools): Promise<WinePrefix> {
    const base = mkdtempSync(join(tmpdir(), 'nm-wine-'));
    const dir = join(base, 'prefix');
    const work = join(base, 'work');
    mkdirSync(dir);
    mkdirSync(work);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WINEPREFIX: dir,
      WINEDEBUG: '-all',
      // No Mono/Gecko install prompts, no windows; the C locale makes Wine's ANSI code page 1252.
      WINEDLLOVERRIDES: 'mscoree,mshtml=',
      LC_ALL: 'C',
      LANG: 'C',
    };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const version = (await run(tools.wine, ['--version'], env)).stdout.trim();
    // Start the persistent server first so wineboot and every later call share it.
    await run(tools.wineserver, ['-p'], env);
    const boot = await run(tools.wine, ['wineboot', '-i'], env, 300_000);
    if (boot.code !== 0) {
      await run(tools.wineserver, ['-k'], env).catch(() => undefined);
      throw new Error(`wineboot -i failed (exit ${boot.code}): ${boot.stderr.slice(-2000)}`);
    }
    return new WinePrefix(tools, dir, work, env, version);
  }

  reg(args: string[]): Promise<RunResult> {
    return run(this.tools.wine, ['reg', ...args], this.env);
  }

  /** Imports one case's file and exports the case's root key. */
  async runCase(id: string, bytes: Uint8Array, exportKey: string): Promise<CaseRun> {
    const input = join(this.work, `${id}.reg`);
    const output = join(this.work, `${id}.out.reg`);
    writeFileSync(input, bytes);
    rmSync(output, { force: true });
    const t0 = performance.now();
    const imp = await this.reg(['import', winePath(input)]);
    let exp = await this.reg(['export', exportKey, winePath(output), '/y']);
    // Seen once in CI with three cases running at once: an export failing after an import that
    // succeeded, and passing when run again. One more try; a real failure fails again.
    if (imp.code === 0 && exp.code !== 0) exp = await this.reg(['export', exportKey, winePath(output), '/y']);
    const exported = exp.code === 0 && existsSync(output) ? new Uint8Array(readFileSync(output)) : null;
    const importOutput = `${imp.stdout}${imp.stderr}`.replace(/\r\n/g, '\n').trim();
    return { importCode: imp.code, importOutput, exportCode: exp.code, exported, ms: performance.now() - t0 };
  }

  /** Runs every case, `concurrency` at a time; results come back in input order. */
  async runCases(cases: readonly { id: string; bytes: Uint8Array; exportKey: string }[], concurrency = 3): Promise<CaseRun[]> {
    const results: CaseRun[] = new Array<CaseRun>(cases.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i];
        if (c) results[i] = await this.runCase(c.id, c.bytes, c.exportKey);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  }

  async dispose(): Promise<void> {
    await run(this.tools.wineserver, ['-k'], this.env).catch(() => undefined);
    rmSync(join(this.dir, '..'), { recursive: true, force: true });
  }
}

let runSeq = 0;

/**
 * Runs a process with its output sent to files, not pipes: wineboot and wineserver leave
 * daemons behind that inherit the output handles, and a pipe would stay open as long as they live.
 */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeout = 60_000): Promise<RunResult> {
  const base = join(tmpdir(), `nm-wine-run-${process.pid}-${runSeq++}`);
  const outFd = openSync(`${base}.out`, 'w');
  const errFd = openSync(`${base}.err`, 'w');
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', outFd, errFd] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    const finish = (fn: () => void): void => {
      clearTimeout(timer);
      closeSync(outFd);
      closeSync(errFd);
      fn();
    };
    child.on('error', (err) => finish(() => reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}`))));
    child.on('exit', (code, signal) =>
      finish(() => {
        const stdout = readFileSync(`${base}.out`, 'utf8');
        const stderr = readFileSync(`${base}.err`, 'utf8');
        rmSync(`${base}.out`, { force: true });
        rmSync(`${base}.err`, { force: true });
        if (signal) reject(new Error(`${cmd} ${args.join(' ')} killed by ${signal} (timeout ${timeout} ms)`));
        else resolve({ code: code ?? 1, stdout, stderr });
      }),
    );
  });
}

/** Writes bytes, creating the directory; used by the recorder. */
export function writeBytes(path: string, bytes: Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, bytes);
}
