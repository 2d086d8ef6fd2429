import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RegistryCallError } from '../contract/errors.js';
import { validateRegistryOps } from './ops.js';
import { initialTree, PARAMS_PATH, replay, scriptStep, toArg } from './test-support/writable.js';
import { treeFromView } from './tree.js';
import type { WritableRegistryKey } from './view.js';
import { writableKeyFromTree } from './writable.js';

describe('the writable parameters key against the real registry', () => {
  it('shows after every call exactly what replaying the recorded ops on a Registry gives; refused calls record nothing', () => {
    fc.assert(
      fc.property(initialTree, fc.array(scriptStep, { maxLength: 30 }), (initial, steps) => {
        const session = writableKeyFromTree(initial, PARAMS_PATH);
        const keys: WritableRegistryKey[] = [session.key];
        for (const step of steps) {
          const key = keys[step.key % keys.length] as WritableRegistryKey;
          const before = session.ops().length;
          try {
            const out = (key[step.call] as (...a: unknown[]) => unknown)(...step.args.map(toArg));
            if (typeof out === 'object' && out !== null) keys.push(out as WritableRegistryKey);
          } catch (e) {
            // Only the documented refusal, and nothing recorded for it.
            expect(e).toBeInstanceOf(RegistryCallError);
            expect(session.ops().length).toBe(before);
          }
          // Reads see the hook's own writes, and they are what the engine will write.
          expect(treeFromView(session.key)).toEqual(replay(initial, session.ops()).tree);
        }
        // What the child sends survives the parent's re-validation unchanged.
        expect(validateRegistryOps(session.ops())).toEqual(session.ops());
      }),
      { numRuns: 300 },
    );
  });
});
