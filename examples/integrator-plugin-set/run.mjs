// node examples/integrator-plugin-set/run.mjs — the plugin set at work (after `npm run build`):
// list it, check it (each plugin loaded in the sandbox, its options validated by its schema),
// upgrade the branch-office machine with it, then check the ini with bad options.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIO, processIO, runCli } from '@netmigrate/cli';
import { importRegFile } from '@netmigrate/registry';

const here = fileURLToPath(new URL('.', import.meta.url));
const show = (file) => relative(process.cwd(), join(here, file)) || '.';
const ini = show('netmigrate.ini');
const bad = show('bad-options.ini');

async function netmigrate(args, io = processIO()) {
  console.log(`\n$ netmigrate ${args.join(' ')}`);
  const code = await runCli(args, io);
  console.log(`(exit ${code})`);
  return code;
}

await netmigrate(['plugins', 'list', '--plugins', ini]);
await netmigrate(['plugins', 'check', '--plugins', ini]);

// The upgrade itself, quietly: what the two options changed.
const out = mkdtempSync(join(tmpdir(), 'netmigrate-plugin-set-'));
try {
  const run = join(out, 'run');
  const quiet = memoryIO();
  await netmigrate(['upgrade', '--registry', show('branch-office.reg'), '--plugins', ini, '--out', run, '--yes'], quiet);
  await netmigrate(['apply', join(run, 'winnt.sif'), '--target', join(out, 'target'), '-o', join(out, 'target.reg')], quiet);
  const sif = readFileSync(join(run, 'winnt.sif'), 'latin1');
  const merinet = /\[params\.MRD_MeriNet\.OemSection\]\r?\n([\s\S]*?)\r?\n\r?\n/.exec(sif)?.[1] ?? '';
  const target = importRegFile(new Uint8Array(readFileSync(join(out, 'target.reg')))).registry;
  const collectors = target.key('HKLM\\SYSTEM\\CurrentControlSet\\Services\\LarkMon\\Parameters')?.value('Collectors')?.asMultiString();
  console.log(`\nmerinet, removeHelperDriver = false: ${/^InfToRunBeforeInstall=/m.test(merinet) ? 'InfToRunBeforeInstall is there (unexpected)' : 'no InfToRunBeforeInstall, the helper driver stays'}`);
  console.log(`larkmon, ambiguousCollectors = merge: Collectors on Windows 2000 = ${JSON.stringify(collectors)}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}

await netmigrate(['plugins', 'check', '--plugins', bad]);
