// `node --import <this file> script.ts`: runs this package's TypeScript sources in a plain
// Node child process (the store crash test spawns one). Type-strips each file with the
// workspace's TypeScript and maps the `.js` specifiers of relative imports to `.ts`.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
