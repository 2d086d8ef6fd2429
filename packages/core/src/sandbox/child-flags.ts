/**
 * How the sandbox child is started: Node's permission model with reads allowed, writes only
 * in the working directory, and no child processes, workers, addons or WASI (everything not
 * granted is denied), plus a heap cap.
 */
export function sandboxExecArgv(workingDir: string, memoryLimitMb: number, nodeFlags: ReadonlySet<string> = process.allowedNodeEnvironmentFlags): string[] {
  // Node 20 has only the experimental flag; the stable spelling replaced it later.
  const permission = nodeFlags.has('--permission') ? '--permission' : '--experimental-permission';
  const args = [permission, '--allow-fs-read=*', `--allow-fs-write=${workingDir}`, `--max-old-space-size=${memoryLimitMb}`];
  if (nodeFlags.has('--disable-warning')) args.push('--disable-warning=ExperimentalWarning');
  return args;
}

/** Why `dir` cannot be granted to the child, or undefined. Node 20 splits the flag at commas and treats * as a wildcard. */
export function workingDirProblem(dir: string): string | undefined {
  if (/[,*]/.test(dir)) return `the working directory ${dir} contains "," or "*", which Node's --allow-fs-write would misread`;
  return undefined;
}

/**
 * The child's environment: the parent's, less NODE_OPTIONS, which could hand it
 * --allow-child-process or a --require of someone else's code.
 */
export function sandboxEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.NODE_OPTIONS;
  return copy;
}
