// The fixture builder writes the NT 3.51/4.0 layout the engine's discovery reads (spec §10),
// its REGEDIT4 export reads back as the same registry, and bad fixture data is refused with
// the key and value named.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectProduct, discoverComponents, NT351, NT40, PRODUCT_TYPE } from '@netmigrate/core';
import { diffRegistries, importRegFile, REG_EXPAND_SZ, REG_MULTI_SZ } from '@netmigrate/registry';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { nt351, nt4 } from './builder.js';
import { expectKey, expectValue, matchGolden } from './expect.js';
import { FixtureError, reg, type RegTree } from './values.js';

const GOLDEN = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));
const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';

/** An NT 4.0 workstation with everything the kit can describe. */
function workstation() {
  return nt4()
    .adapter({
      service: 'E100B', infOption: 'E100B', infName: 'OEMNADEP.INF', title: 'Intel EtherExpress PRO/100B', manufacturer: 'Intel',
      params: { BusNumber: 0, BusType: 5, SlotNumber: 11 },
      tcpip: { ipAddress: ['192.168.10.5'], subnetMask: ['255.255.255.0'], defaultGateway: ['192.168.10.1'] },
      wins: { primary: '192.168.10.2', secondary: '192.168.10.3' },
    })
    .adapter({ service: 'E100B', infOption: 'E100B', title: 'Intel EtherExpress PRO/100B', manufacturer: 'Intel', tcpip: { dhcp: true, leasedAddress: '10.0.0.23', leasedMask: '255.255.0.0' } })
    .adapter({
      service: 'TernIsdn', infOption: 'TERNISDN', title: 'TernLink ISDN BRI', manufacturer: 'Tern Telecom',
      params: { IoBaseAddress: 0x340, LineInterface: 'U', 0: { IsdnSwitchType: 1, 0: { IsdnPhoneNumber: '555-0100', IsdnSpid: '01555010000' } } },
    })
    .protocol({ vendor: 'Meridian', service: 'MeriNet', infOption: 'MERINET', title: 'MeriNet Transport', bind: ['E100B1', 'E100B2'], params: { Adapters: { E100B1: { FrameType: 2 } } } })
    .service({ vendor: 'Larkspur', service: 'LarkMon', infOption: 'LARKMON', params: { Collectors: ['a.example', 'b.example'], LogDirectory: reg.expandSz('%SystemRoot%\\Larkspur') } })
    .tcpip({ hostname: 'WS01', domain: 'corp.example', nameServers: ['192.168.10.2', '192.168.10.3'], enableLmhosts: true, scopeId: 'CORP' })
    .workstation({ OtherDomains: 'SALES' })
    .server({ Lmannounce: 1 })
    .netbios()
    .build();
}

describe('what discovery finds in a built registry', () => {
  test('adapters with instances, a protocol with its bindings, services and the built-ins', () => {
    const fixture = workstation();
    const found = discoverComponents(fixture.registry).map((c) => ({ kind: c.kind, id: c.preNT5InfId, instance: c.preNT5Instance, ...(c.builtIn ? { builtIn: c.builtIn } : {}), ...(c.boundAdapters ? { bound: c.boundAdapters } : {}) }));
    expect(found).toEqual([
      { kind: 'adapter', id: 'E100B', instance: 'E100B1' },
      { kind: 'adapter', id: 'E100B', instance: 'E100B2' },
      { kind: 'adapter', id: 'TERNISDN', instance: 'TernIsdn1' },
      { kind: 'protocol', id: 'MERINET', instance: 'MeriNet', bound: ['E100B1', 'E100B2'] },
      { kind: 'protocol', id: 'NetBT', instance: 'NetBT', builtIn: 'MS_NetBT', bound: ['E100B1', 'E100B2'] },
      { kind: 'protocol', id: 'TC', instance: 'Tcpip', builtIn: 'MS_TCPIP', bound: ['E100B1', 'E100B2'] },
      { kind: 'service', id: 'LARKMON', instance: 'LarkMon' },
      { kind: 'service', id: 'SRV', instance: 'LanmanServer', builtIn: 'MS_Server' },
      { kind: 'service', id: 'WKSTA', instance: 'LanmanWorkstation', builtIn: 'MS_MSClient' },
      { kind: 'service', id: 'NETBIOS', instance: 'NetBIOS', builtIn: 'MS_NetBIOS' },
    ]);
    expect(fixture.adapters).toEqual(['E100B1', 'E100B2', 'TernIsdn1']);
  });

  test('product and build: NT 4.0 workstation, NT 3.51 server and domain controller', () => {
    const warnings: unknown[] = [];
    expect(detectProduct(nt4().build().registry, { onDiagnostic: (d) => warnings.push(d) })).toEqual({ productType: PRODUCT_TYPE.NtWorkstation, buildNumber: NT40 });
    expect(detectProduct(nt351({ product: 'server' }).build().registry)).toEqual({ productType: PRODUCT_TYPE.NtServer, buildNumber: NT351 });
    expect(detectProduct(nt351({ product: 'domain-controller' }).build().registry)).toEqual({ productType: PRODUCT_TYPE.NtServer, buildNumber: NT351 });
    expect(warnings).toEqual([]);
  });

  test('values: plain data picks the type, nested objects are subkeys, reg.* the rest (spec §10.5 per-adapter TCP/IP)', () => {
    const r = workstation().registry;
    expectValue(r, `${SERVICES}\\E100B1\\Parameters\\Tcpip`, 'IPAddress').toEqual(['192.168.10.5']);
    expectValue(r, `${SERVICES}\\E100B1\\Parameters\\Tcpip`, 'EnableDHCP').toEqual(0);
    expectValue(r, `${SERVICES}\\E100B2\\Parameters\\Tcpip`, 'EnableDHCP').toEqual(1);
    expectValue(r, `${SERVICES}\\E100B2\\Parameters\\Tcpip`, 'DhcpIPAddress').toEqual('10.0.0.23');
    expectValue(r, `${SERVICES}\\E100B2\\Parameters\\Tcpip`, 'DefaultGateway').toEqual([]);
    expectValue(r, `${SERVICES}\\TernIsdn1\\Parameters\\0\\0`, 'IsdnSpid').toEqual('01555010000');
    expectValue(r, `${SERVICES}\\TernIsdn1\\Parameters\\0`, 'IsdnSwitchType').toEqual(1);
    expectValue(r, `${SERVICES}\\LarkMon\\Parameters`, 'LogDirectory').toEqual(reg.expandSz('%SystemRoot%\\Larkspur'));
    expectValue(r, `${SERVICES}\\Tcpip\\Parameters`, 'NameServer').toEqual('192.168.10.2 192.168.10.3');
    expectValue(r, `${SERVICES}\\NetBT\\Parameters`, 'EnableLMHOSTS').toEqual(1);
    expectValue(r, `${SERVICES}\\NetBT\\Adapters\\E100B1`, 'NameServerBackup').toEqual('192.168.10.3');
    expectValue(r, `${SERVICES}\\MeriNet\\Linkage`, 'Bind').toEqual(['\\Device\\E100B1', '\\Device\\E100B2']);
    expectValue(r, `${SERVICES}\\MeriNet\\Parameters\\Adapters\\E100B1`, 'FrameType').toEqual(2);
    expectKey(r, 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\NetworkCards').toHaveSubkeys(['1', '2', '3']);
    expectKey(r, 'HKLM\\SOFTWARE\\TernTelecom\\TernIsdn\\CurrentVersion\\NetRules').toExist();
  });
});

describe('REGEDIT4', () => {
  test('the export reads back as the same registry', () => {
    const fixture = workstation();
    const bytes = fixture.toReg();
    expect(Buffer.from(bytes.subarray(0, 10)).toString('latin1')).toBe('REGEDIT4\r\n');
    const { registry, file } = importRegFile(bytes, { fileName: 'fixture.reg', strict: true });
    expect(file.format).toBe('regedit4');
    expect(diffRegistries(fixture.registry, registry)).toEqual([]);
  });

  test('golden: the export of a representative NT 4.0 workstation', () => {
    matchGolden(workstation().toReg(), join(GOLDEN, 'nt4-workstation.reg'));
  });

  test('any parameters tree survives the export (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _.-]{0,12}$/);
    const text = fc.string({ unit: fc.constantFrom(...'abcXYZ019 \\"%;,=[]é'.split('')), maxLength: 20 });
    const datum = fc.oneof(
      text,
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.array(text.filter((s) => s !== ''), { maxLength: 4 }),
      fc.uint8Array({ maxLength: 8 }),
      text.map((s) => reg.expandSz(s)),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    );
    const tree: fc.Arbitrary<RegTree> = fc.letrec((tie) => ({
      node: fc.dictionary(name, fc.oneof({ depthSize: 'small', withCrossShrink: true }, datum, tie('node')), { maxKeys: 4 }) as fc.Arbitrary<RegTree>,
    })).node;
    fc.assert(
      fc.property(tree, (params) => {
        const fixture = nt4().adapter({ service: 'Prop', infOption: 'PROP', params }).build();
        const back = importRegFile(fixture.toReg(), { strict: true }).registry;
        expect(diffRegistries(fixture.registry, back)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('bad fixture data is refused, naming the key and value', () => {
  test.each([
    ['a fraction as a DWORD', () => nt4().adapter({ service: 'X', params: { Speed: 1.5 } }), /Services\\X1\\Parameters\\Speed is 1\.5, which is no 32-bit integer/],
    ['a number over 32 bits', () => nt4().adapter({ service: 'X', params: { Big: 2 ** 32 } }), /Parameters\\Big is 4294967296, which is no 32-bit integer/],
    ['a list with a non-string', () => nt4().adapter({ service: 'X', params: { L: ['a', 1 as unknown as string] } }), /Parameters\\L: item 1 of the list is not a string/],
    ['null', () => nt4().adapter({ service: 'X', params: { N: null as unknown as string } }), /Parameters\\N: null is neither registry data nor a subkey/],
    ['an empty string in a multi-string', () => nt4().service({ vendor: 'V', service: 'S', params: { M: ['a', '', 'b'] } }), /Services\\S\\Parameters\\M: /],
    ['TCP/IP bound to an unknown adapter', () => nt4().adapter({ service: 'E', tcpip: { dhcp: true } }).tcpip({ adapters: ['Nope1'] }), /tcpip\(\): adapter Nope1 is bound but no adapter\(\) has that instance \(adapters: E1\)/],
    ['masks not matching addresses', () => nt4().adapter({ service: 'E', tcpip: { ipAddress: ['10.0.0.1', '10.0.0.2'], subnetMask: ['255.0.0.0'] } }), /adapter E1: a static TCP\/IP configuration needs as many subnet masks \(1\) as addresses \(2\)/],
  ])('%s', (_what, make, message) => {
    expect(() => make().build()).toThrow(FixtureError);
    expect(() => make().build()).toThrow(message);
  });

  test.each([
    ['two components with one service name', () => nt4().protocol({ vendor: 'A', service: 'Same' }).service({ vendor: 'B', service: 'Same' }), /service\(Same\): the service name Same is already used/],
    ['an instance taken twice', () => nt4().adapter({ service: 'E', instance: 'E1' }).adapter({ service: 'E', instance: 'E1' }), /already used by another component/],
    ['a card number taken twice', () => nt4().adapter({ service: 'E', number: 2 }).adapter({ service: 'F', number: 2 }), /adapter\(F\): NetworkCards\\2 is already taken/],
    ['a service name with a backslash', () => nt4().service({ vendor: 'V', service: 'a\\b' }), /cannot name a service key/],
  ])('%s (at the call)', (_what, make, message) => {
    expect(make).toThrow(message);
  });

  test('value types are what the spec names: REG_MULTI_SZ lists, REG_EXPAND_SZ DataBasePath', () => {
    const r = nt4().adapter({ service: 'E', tcpip: { dhcp: true } }).tcpip().build().registry;
    expect(r.key(`${SERVICES}\\Tcpip\\Parameters`)?.value('DataBasePath')?.type).toBe(REG_EXPAND_SZ);
    expect(r.key(`${SERVICES}\\E1\\Parameters\\Tcpip`)?.value('IPAddress')?.type).toBe(REG_MULTI_SZ);
  });
});
