// Deterministic store contents for the crash test: a SYSTEM-like base tree from a seed, and
// generation g = base + a generation counter + a 3 MB payload that differs in every byte
// position from generation to generation (so a mix of two generations cannot pass).
import { Registry } from '../model/registry.js';
import { RegValue } from '../model/value.js';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

export function baseRegistry(seed: number, keys = 1000): Registry {
  const r = new Registry();
  const rand = rng(seed);
  for (let i = 0; i < keys; i++) {
    const path = `HKLM\\SYSTEM\\ControlSet001\\Services\\Svc${i % 300}\\Parameters\\Sub${i}`;
    r.createKey(path);
    r.setValue(path, RegValue.sz('DisplayName', `Service ${i} ${rand().toString(36)}`));
    r.setValue(path, RegValue.dword('Start', Math.floor(rand() * 5)));
    r.setValue(path, RegValue.expandSz('ImagePath', `%SystemRoot%\\system32\\drivers\\svc${i}.sys`));
    r.setValue(path, RegValue.multiSz('DependOnService', ['Tcpip', `Dep${i % 7}`]));
    if (i % 100 === 0) r.setValue(path, RegValue.binary('Blob', Uint8Array.from({ length: 40_000 }, () => (rand() * 256) | 0)));
  }
  return r;
}

export function generation(base: Registry, seed: number, g: number): Registry {
  const r = base.clone();
  r.createKey('HKLM\\Generation');
  r.setValue('HKLM\\Generation', RegValue.dword('Number', g));
  const payload = new Uint8Array(3 << 20);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + g * 97 + seed) & 0xff;
  r.setValue('HKLM\\Generation', RegValue.binary('Payload', payload));
  return r;
}
