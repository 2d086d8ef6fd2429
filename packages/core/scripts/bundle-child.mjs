#!/usr/bin/env node
// Bundles the sandbox child into one file, dist/sandbox/child.bundle.mjs, from the tsc output
// (run after `tsc -b`; `scripts/dev.mjs setup`, this package's `build` script and the sandbox
// tests' buildCore() do). Writes child.bundle.json beside it: every input file with its size
// and modification time, which the host checks before it runs the bundle (see
// src/sandbox/child-bundle.ts). Does nothing when the bundle is current; --force rebuilds.
//
//   node packages/core/scripts/bundle-child.mjs [--force]
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const sandboxDir = join(packageRoot, 'dist', 'sandbox');
const entry = join(sandboxDir, 'child-bundle-entry.js');

let bundleModule;
try {
  bundleModule = await import(pathToFileURL(join(sandboxDir, 'child-bundle.js')).href);
} catch (e) {
  console.error(`bundle-child: ${relative(process.cwd(), sandboxDir)} is not built (${e.message.split('\n')[0]}); run tsc -b packages/core first`);
  process.exit(1);
}
const { CHILD_BUNDLE, CHILD_BUNDLE_MANIFEST, CHILD_BUNDLE_CONDITION, CHILD_BUNDLE_SHARED, childBundleProblem } = bundleModule;
const bundlePath = join(sandboxDir, CHILD_BUNDLE);
const manifestPath = join(sandboxDir, CHILD_BUNDLE_MANIFEST);
const shown = relative(process.cwd(), bundlePath);

const stale = childBundleProblem(sandboxDir);
if (stale === undefined && !process.argv.includes('--force')) {
  console.log(`bundle-child: ${shown} is up to date`);
  process.exit(0);
}

// reflect-metadata and tsyringe stay outside the bundle and are require()d from its own
// directory, which resolves them to the files core's tsc output imports: a plugin that
// imports tsyringe itself shares its global container with the loader's guard, as it does
// without the bundle. require() (not import) keeps them in order — reflect-metadata before
// tsyringe, which refuses to load without it — and skips the ESM wrapper's export scan.
const sharedFilter = new RegExp(`^(${CHILD_BUNDLE_SHARED.join('|')})$`); // plain package names
const shared = {
  name: 'netmigrate-shared-modules',
  setup(b) {
    b.onResolve({ filter: sharedFilter }, (args) => ({ path: args.path, namespace: 'netmigrate-shared' }));
    b.onLoad({ filter: /.*/, namespace: 'netmigrate-shared' }, (args) => ({
      contents: `module.exports = __netmigrateRequire(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

const stampOf = (path) => {
  const s = statSync(path);
  return { size: s.size, mtimeMs: s.mtimeMs };
};

const result = await build({
  absWorkingDir: packageRoot,
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [shared],
  outfile: bundlePath,
  banner: {
    js: [
      `// netmigrate sandbox child, bundled by scripts/bundle-child.mjs from ${relative(packageRoot, entry).split(sep).join('/')}; do not edit.`,
      "import { createRequire as __netmigrateCreateRequire } from 'node:module';",
      'const __netmigrateRequire = __netmigrateCreateRequire(import.meta.url);',
    ].join('\n'),
  },
});

// Nothing but Node's built-ins may stay outside (and the shared packages, required above).
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  const outside = (info.imports ?? []).filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path));
  if (outside.length > 0) throw new Error(`bundle-child: ${file} imports ${outside.map((i) => i.path).join(', ')} from outside the bundle`);
}
const inputs = Object.entries(result.metafile.inputs)
  .filter(([key]) => !key.startsWith('netmigrate-shared:'))
  .map(([key, info]) => ({ file: resolve(packageRoot, key), bytes: info.bytes }))
  .sort((a, b) => (a.file < b.file ? -1 : 1));
// What esbuild read must still be there: a file rewritten meanwhile would be recorded as current.
const before = new Map(inputs.map(({ file, bytes }) => {
  const now = stampOf(file);
  if (now.size !== bytes) throw new Error(`bundle-child: ${file} changed while bundling; run it again`);
  return [file, now];
}));

const [output] = result.outputFiles;
if (output === undefined || result.outputFiles.length !== 1) throw new Error('bundle-child: esbuild produced no single output');
const tmp = `${bundlePath}.${process.pid}.tmp`;
const tmpManifest = `${manifestPath}.${process.pid}.tmp`;
try {
  // The manifest goes first out of the way, so no reader pairs it with the new bundle.
  rmSync(manifestPath, { force: true });
  writeFileSync(tmp, output.contents);
  renameSync(tmp, bundlePath);
  const stamps = inputs.map(({ file }) => {
    const now = stampOf(file);
    const then = before.get(file);
    if (now.size !== then.size || now.mtimeMs !== then.mtimeMs) throw new Error(`bundle-child: ${file} changed while bundling; run it again`);
    return { path: relative(sandboxDir, file).split(sep).join('/'), ...now };
  });
  const manifest = { format: 1, bundle: stampOf(bundlePath), inputs: stamps, shared: [...CHILD_BUNDLE_SHARED], condition: CHILD_BUNDLE_CONDITION };
  writeFileSync(tmpManifest, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(tmpManifest, manifestPath);
} finally {
  rmSync(tmp, { force: true });
  rmSync(tmpManifest, { force: true });
}

const problem = childBundleProblem(sandboxDir);
if (problem !== undefined) throw new Error(`bundle-child: the new bundle is not usable: ${problem}`);
console.log(`bundle-child: wrote ${shown} (${Math.round(output.contents.length / 1024)} KB from ${inputs.length} files${stale === undefined ? '' : `; was: ${stale}`})`);
