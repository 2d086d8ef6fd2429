// Child process of kill.test.ts: applies an answer file to a target with the built core, then
// exits. Prints "go" once it starts, so the parent can time its SIGKILL from there.
const [answerFile, target] = process.argv.slice(2);
const { applyAnswerFile } = await import(new URL('../../../../dist/index.js', import.meta.url).href);
process.stdout.write('go\n');
const r = await applyAnswerFile({ answerFile, target, host: 'in-process' });
process.stdout.write(`${r.status}\n`);
