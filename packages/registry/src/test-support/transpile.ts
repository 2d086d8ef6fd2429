// Writes this package's sources (not the tests) as plain ESM JavaScript into `outDir`, so a
// child process can run them with a bare `node` (loading TypeScript there costs seconds).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) yield p;
  }
}

// Workspace packages the sources import, transpiled into outDir/node_modules so the child's
// bare `node` resolves them the way the installed package would.
const WORKSPACE_DEPS: Record<string, string> = {
  '@netmigrate/atomic-file': fileURLToPath(new URL('../../../atomic-file/src/', import.meta.url)),
};

export async function transpileSources(outDir: string): Promise<string> {
  const ts = (await import('typescript')).default;
  const emit = (srcRoot: string, destRoot: string): void => {
    for (const file of sources(srcRoot)) {
      const out = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      const target = join(destRoot, relative(srcRoot, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, out.outputText);
    }
  };
  emit(SRC, outDir);
  for (const [name, src] of Object.entries(WORKSPACE_DEPS)) {
    const dest = join(outDir, 'node_modules', ...name.split('/'));
    emit(src, dest);
    writeFileSync(join(dest, 'package.json'), JSON.stringify({ name, type: 'module', exports: './index.js' }));
  }
  return outDir;
}
