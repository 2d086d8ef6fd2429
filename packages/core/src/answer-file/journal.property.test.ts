// Random sequences of engine writes, plugin ops, savepoints, rollbacks and releases against
// a reference model that copies the whole draft at each savepoint: the journal must undo to
// exactly the copied state, and the rendered file must read back as the draft.
import { parseInf } from '@netmigrate/inf';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AnswerFile, type Savepoint } from './answer-file.js';

type Model = { name: string; lines: string[] }[];

const ENGINE_SECTIONS = ['NetAdapters', 'params.a', 'params.b', 'params.MS_TCPIP'];
const PLUGINS = ['"@p/one"', '"@p/two"'];
const PLUGIN_SECTIONS = ['x.run', 'x.run.AddReg', 'y.data'];
// Windows-1252 text including everything a field must quote or escape.
const value = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ';', ',', '=', '"', '%', '\\', 'é', '€', '[', ']'), maxLength: 12 });

type Step =
  | { kind: 'engine'; section: string; key: string; value: string }
  | { kind: 'plugin-section'; plugin: number; section: string }
  | { kind: 'plugin-line'; plugin: number; section: string; n: number }
  | { kind: 'savepoint' }
  | { kind: 'rollback'; pick: number }
  | { kind: 'release'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('engine' as const), section: fc.constantFrom(...ENGINE_SECTIONS), key: fc.constantFrom('InfID', 'Key', 'DNSDomain'), value }),
  fc.record({ kind: fc.constant('plugin-section' as const), plugin: fc.nat(1), section: fc.constantFrom(...PLUGIN_SECTIONS) }),
  fc.record({ kind: fc.constant('plugin-line' as const), plugin: fc.nat(1), section: fc.constantFrom(...PLUGIN_SECTIONS), n: fc.nat(99) }),
  fc.constant({ kind: 'savepoint' as const }),
  fc.record({ kind: fc.constant('rollback' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
);

const copy = (m: Model): Model => m.map((s) => ({ name: s.name, lines: [...s.lines] }));

describe('the journal', () => {
  test('undoes to exactly the state of the savepoint, and the file reads back as the draft', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const file = new AnswerFile();
        let model: Model = [];
        const owners = new Map<string, number>();
        const open: { sp: Savepoint; model: Model; owners: Map<string, number> }[] = [];
        const find = (name: string) => model.find((s) => s.name.toLowerCase() === name.toLowerCase());
        for (const s of steps) {
          if (s.kind === 'engine') {
            file.addEngineLine(s.section, s.key, [s.value]);
            const sec = find(s.section) ?? (model.push({ name: s.section, lines: [] }), model.at(-1)!);
            sec.lines.push(file.view().lines(s.section)!.at(-1)!);
          } else if (s.kind === 'plugin-section') {
            const owner = owners.get(s.section);
            const attempt = () => file.applyPluginOps(PLUGINS[s.plugin]!, 'C', [{ kind: 'addSection', name: s.section }]);
            if (owner !== undefined && owner !== s.plugin) expect(attempt).toThrow(/belongs to the engine or another plugin/);
            else {
              attempt();
              if (owner === undefined) {
                owners.set(s.section, s.plugin);
                model.push({ name: s.section, lines: [] });
              }
            }
          } else if (s.kind === 'plugin-line') {
            const line = `HKR,,V${s.n},0,"${s.n}"`;
            const attempt = () => file.applyPluginOps(PLUGINS[s.plugin]!, 'C', [{ kind: 'addLine', section: s.section, line }]);
            if (owners.get(s.section) !== s.plugin) expect(attempt).toThrow(/no such section/);
            else {
              attempt();
              find(s.section)!.lines.push(line);
            }
          } else if (s.kind === 'savepoint') {
            open.push({ sp: file.savepoint(`sp${open.length}`), model: copy(model), owners: new Map(owners) });
          } else if (open.length > 0) {
            const index = s.pick % open.length;
            const target = open[index]!;
            if (s.kind === 'rollback') {
              file.rollbackTo(target.sp);
              model = copy(target.model);
              owners.clear();
              for (const [k, v] of target.owners) owners.set(k, v);
              open.length = index + 1;
            } else {
              file.release(target.sp);
              open.length = index;
            }
          }
        }
        // Top-level first, then creation order.
        const expected = [...model.filter((s) => s.name === 'NetAdapters'), ...model.filter((s) => s.name !== 'NetAdapters')];
        expect(file.view().sectionNames()).toEqual(expected.map((s) => s.name));
        const doc = parseInf(file.toBytes(), { requireSignature: false });
        expect(doc.sections().map((s) => ({ name: s.name, lines: s.lines().map((l) => l.raw.replace(/\r?\n?$/, '').replace(/\r$/, '')) }))).toEqual(expected);
        for (const s of expected) expect(file.view().lines(s.name)).toEqual(s.lines);
      }),
      { numRuns: 300 },
    );
  });

  test('engine values survive the round trip through the parser, whatever they contain', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (fields) => {
        const file = new AnswerFile();
        file.addEngineLine('params.x', 'Key', fields);
        const line = file.toDocument().section('params.x')?.find('Key');
        const sub = file.toDocument().defaultSubstituter();
        expect(line?.fields.map((f) => sub.substitute(f))).toEqual(fields);
      }),
      { numRuns: 300 },
    );
  });
});
