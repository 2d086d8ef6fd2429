import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RegValue, RegistryStore, diffRegistries, exportReg, importRegFile, parseRegFile,
} from '../index.js';

// 1. Read a .reg file (bytes: from readFileSync, a network share, ...).
const text = [
  'REGEDIT4',
  '',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Elnkii02\\Parameters]',
  '"InterruptNumber"=dword:00000003',
  '"IoBaseAddress"=dword:00000300',
  '"MediaType"=dword:00000001',
  '"Bogus"=dword:0x12',
  '',
].join('\r\n');
const bytes = new TextEncoder().encode(text);

const file = parseRegFile(bytes, { fileName: 'nt4.reg' });
console.log(file.format, file.operations.length); // regedit4 4
for (const d of file.warnings) console.log(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}`);
// nt4.reg:7:16: error dword-syntax   (the line was skipped, as reg import would)

// 2. Build a registry from it and read typed values (paths take HKLM or HKEY_LOCAL_MACHINE, any case).
const { registry } = importRegFile(bytes);
const params = registry.key('hklm\\system\\currentcontrolset\\services\\elnkii02\\parameters')!;
console.log(params.path); // HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\Elnkii02\Parameters
console.log(params.value('IoBaseAddress')!.asDword().toString(16)); // 300

// 3. Pre-upgrade plugins get a frozen, read-only snapshot.
const before = registry.snapshot();

// 4. The post-upgrade side works on a journaled store: savepoints, rollback, atomic commit.
const dir = mkdtempSync(join(tmpdir(), 'netmigrate-registry-readme-'));
const store = RegistryStore.from(before, join(dir, 'post.nmreg'));
const sp = store.savepoint('adapter');
const tcpip = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{4D36E972-E325-11CE-BFC1-08002BE10318}';
store.createKey(tcpip);
store.setValue(tcpip, RegValue.multiSz('IPAddress', ['10.0.0.5']));
store.setValue(tcpip, RegValue.dword('EnableDHCP', 0));
store.rollbackTo(sp); // changed our mind: undone
store.createKey(tcpip);
store.setValue(tcpip, RegValue.dword('EnableDHCP', 1));
await store.commit(); // temp file + fsync + rename + directory fsync

// 5. What changed, and a .reg people can import into Windows (byte for byte what reg export writes).
for (const d of diffRegistries(before, store)) console.log(d.kind, d.path, d.name ?? '');
const out = exportReg(store, { format: 'regedit5', keys: ['HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip'] });
console.log(out.length, (await RegistryStore.open(store.file!)).key(tcpip)!.value('EnableDHCP')!.asDword()); // 840 1
rmSync(dir, { recursive: true });
