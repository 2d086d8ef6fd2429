import { describe, expect, test } from 'vitest';
import { NetmigrateEvents, type ListenerFailure } from './events.js';

const payload = { section: 'NetAdapters', writer: { by: 'engine' as const } };

describe('NetmigrateEvents', () => {
  test('a throwing listener neither stops the others nor reaches the emitter', () => {
    const reported: ListenerFailure[] = [];
    const events = new NetmigrateEvents({ onListenerError: (f) => reported.push(f) });
    const got: string[] = [];
    events.on('sectionAdded', () => {
      throw new Error('first listener broke');
    });
    events.on('sectionAdded', (e) => got.push(e.section));
    expect(() => events.emit('sectionAdded', payload)).not.toThrow();
    expect(got).toEqual(['NetAdapters']);
    expect(reported).toEqual([{ event: 'sectionAdded', error: new Error('first listener broke') }]);
    expect(events.listenerFailures).toHaveLength(1);
  });

  test('a rejected promise from an async listener is caught and reported, not left unhandled', async () => {
    const events = new NetmigrateEvents();
    events.on('lineAdded', async () => {
      throw new Error('async listener broke');
    });
    events.emit('lineAdded', { section: 's', line: 'k=v', writer: { by: 'engine' } });
    await new Promise((done) => setImmediate(done));
    expect(events.listenerFailures.map((f) => [f.event, (f.error as Error).message])).toEqual([['lineAdded', 'async listener broke']]);
  });

  test('an error hook that throws is ignored too', () => {
    const events = new NetmigrateEvents({
      onListenerError: () => {
        throw new Error('hook broke');
      },
    });
    events.on('phaseStarted', () => {
      throw new Error('listener broke');
    });
    expect(() => events.emit('phaseStarted', { phase: 'winnt32', workDir: '/w', unattended: true, host: 'sandbox' })).not.toThrow();
  });

  test('payloads arrive frozen, as copies', () => {
    const events = new NetmigrateEvents();
    const original = { section: 'NetAdapters', writer: { by: 'engine' as const } };
    let seen: unknown;
    events.on('sectionAdded', (e) => (seen = e));
    events.emit('sectionAdded', original);
    expect(Object.isFrozen(seen)).toBe(true);
    expect(Object.isFrozen((seen as typeof original).writer)).toBe(true);
    expect(Object.isFrozen(original)).toBe(false);
    expect(seen).toEqual(original);
  });

  test('off, once and listeners work with the functions the caller registered', () => {
    const events = new NetmigrateEvents();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    events.on('sectionAdded', a);
    events.once('sectionAdded', b);
    expect(events.listeners('sectionAdded')).toEqual([a, b]);
    events.emit('sectionAdded', payload);
    events.emit('sectionAdded', payload);
    expect(calls).toEqual(['a', 'b', 'a']);
    events.off('sectionAdded', a);
    events.off('sectionAdded', () => undefined);
    events.emit('sectionAdded', payload);
    expect(calls).toEqual(['a', 'b', 'a']);
    expect(events.listenerCount('sectionAdded')).toBe(0);
  });

  test('one function for two events is reported under the event that failed', () => {
    const events = new NetmigrateEvents();
    const broken = () => {
      throw new Error('x');
    };
    events.on('sectionAdded', broken);
    events.on('lineAdded', broken);
    events.emit('lineAdded', { section: 's', line: 'l', writer: { by: 'engine' } });
    expect(events.listenerFailures.map((f) => f.event)).toEqual(['lineAdded']);
    events.off('lineAdded', broken);
    expect(events.listenerCount('sectionAdded')).toBe(1);
  });
});
