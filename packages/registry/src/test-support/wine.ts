// Drives a real Wine (reg import / reg export) for spot checks. Not used by the unit tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WINE = process.env.WINE64 ?? '/usr/lib/wine/wine64';

export class Wine {
  readonly env: NodeJS.ProcessEnv;
  readonly dir: string;

  constructor(prefix = process.env.WINEPREFIX ?? '/tmp/wine-registry-dev', dir = '/tmp/netmigrate-wine-spotcheck') {
    this.env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all' };
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  static available(): boolean {
    return existsSync(WINE);
  }

  run(args: string[]): { status: number; output: string } {
    const r = spawnSync(WINE, args, { env: this.env, encoding: 'utf8' });
    return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}`.trim() };
  }

  winPath(p: string): string {
    return `Z:${p.replaceAll('/', '\\')}`;
  }

  deleteKey(key: string): void {
    this.run(['reg', 'delete', key, '/f']);
  }

  import(bytes: Uint8Array, name = 'in.reg'): { status: number; output: string } {
    const f = join(this.dir, name);
    writeFileSync(f, bytes);
    return this.run(['reg', 'import', this.winPath(f)]);
  }

  /** The bytes of `reg export key`, or undefined when the key does not exist. */
  export(key: string, name = 'out.reg'): Uint8Array | undefined {
    const f = join(this.dir, name);
    rmSync(f, { force: true });
    const r = this.run(['reg', 'export', key, this.winPath(f), '/y']);
    return r.status === 0 ? new Uint8Array(readFileSync(f)) : undefined;
  }
}
