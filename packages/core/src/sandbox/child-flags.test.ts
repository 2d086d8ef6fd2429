import { describe, expect, it } from 'vitest';
import { sandboxEnv, sandboxExecArgv, workingDirProblem } from './child-flags.js';

describe('sandbox child flags', () => {
  it('uses the experimental flag on Node 20 and the stable one where it exists', () => {
    expect(sandboxExecArgv('/w', 64, new Set(['--experimental-permission', '--disable-warning']))).toEqual([
      '--experimental-permission', '--allow-fs-read=*', '--allow-fs-write=/w', '--max-old-space-size=64', '--disable-warning=ExperimentalWarning',
    ]);
    expect(sandboxExecArgv('/w', 64, new Set(['--permission', '--experimental-permission']))[0]).toBe('--permission');
    expect(sandboxExecArgv('/w', 64, new Set(['--experimental-permission']))).not.toContain('--disable-warning=ExperimentalWarning');
  });

  it('grants no child processes, workers, addons or WASI', () => {
    const args = sandboxExecArgv('/w', 64).join(' ');
    for (const grant of ['--allow-child-process', '--allow-worker', '--allow-addons', '--allow-wasi']) expect(args).not.toContain(grant);
  });

  it('matches the permission flag this node supports', () => {
    const flag = sandboxExecArgv('/w', 64)[0] as string;
    expect(process.allowedNodeEnvironmentFlags.has(flag)).toBe(true);
  });

  it('refuses working directories Node would misread', () => {
    expect(workingDirProblem('/tmp/a,b')).toBe('the working directory /tmp/a,b contains "," or "*", which Node\'s --allow-fs-write would misread');
    expect(workingDirProblem('/tmp/a*')).toBeDefined();
    expect(workingDirProblem('/tmp/oem0001')).toBeUndefined();
  });

  it('drops NODE_OPTIONS from the child environment', () => {
    expect(sandboxEnv({ PATH: '/bin', NODE_OPTIONS: '--allow-child-process' })).toEqual({ PATH: '/bin' });
  });
});
