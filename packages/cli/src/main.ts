import { VERSION } from './version.js';

// `netmigrate --version` answers before commander and the commands are loaded: scripts call it
// to probe the tool, and it should cost little more than starting Node.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const [{ runCli }, { processIO }] = await Promise.all([import('./cli.js'), import('./io.js')]);
  process.exitCode = await runCli(argv, processIO());
}
