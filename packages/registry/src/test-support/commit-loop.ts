// Child process of the crash test: commits generation 1, 2, 3, ... of a store to `file`
// (which holds generation 0) until it is killed, printing "committed <g>" after each commit.
import { RegistryStore } from '../store/store.js';
import { baseRegistry, generation } from './store-content.js';

const [file, seedText] = process.argv.slice(2);
const seed = Number(seedText);
const base = baseRegistry(seed);
const store = await RegistryStore.open(file!);
process.stdout.write('ready\n');
for (let g = 1; ; g++) {
  const next = generation(base, seed, g);
  // Replace the store's content with generation g the way a user would: through its API.
  store.deleteKey('HKLM\\Generation');
  for (const k of next.key('HKLM\\Generation') ? [next.key('HKLM\\Generation')!] : []) {
    store.createKey(k.path);
    for (const v of k.values()) store.setValue(k.path, v);
  }
  await store.commit();
  process.stdout.write(`committed ${g}\n`);
}
