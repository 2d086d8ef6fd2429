// Builds the draft, says "ready", commits it to argv[2], says "committed <ms>". The kill test
// SIGKILLs this process at random moments in between.
import { AnswerFile } from '../../../dist/answer-file/index.js';
import { buildDraft } from './draft.mjs';

const [path, components] = process.argv.slice(2);
const file = buildDraft(AnswerFile, Number(components));
process.stdout.write('ready\n');
const t = performance.now();
await file.commit(path);
process.stdout.write(`committed ${(performance.now() - t).toFixed(1)}\n`);
