import { describe, expect, test } from 'vitest';
import { buildReport, formatReport, withFlags, type ReportEntry } from './report.js';

const upgraded: ReportEntry = {
  kind: 'adapter',
  preNT5InfId: 'ISDNCARD',
  preNT5Instance: 'IsdnCard1',
  title: '[01] Example ISDN Adapter',
  status: 'upgraded',
  nt5InfId: 'adapter2',
  plugin: { name: '@test/isdn-example', version: '1.0.0', module: '/p/isdn.mjs', workingDir: '/w/oem0001' },
  vendorInfo: { companyName: 'Example ISDN Inc.', supportNumber: '+1 555 0111', supportUrl: '', instructionsToUser: 'Check the SPIDs.' },
  ...withFlags(0x80001),
  detail: 'upgraded by plugin @test/isdn-example',
};

const unsupported: ReportEntry = {
  kind: 'protocol',
  preNT5InfId: 'PROTOCOL1',
  preNT5Instance: 'Proto1',
  status: 'not-supported',
  nt5InfId: 'Protocol1_2000',
  helpFiles: { txt: '/v/help.txt', htm: '/v/help.htm', source: 'vendor', exists: { txt: true, htm: true } },
  detail: '[OemUpgradeSupport] says NotSupported',
};

describe('the compatibility report', () => {
  test('counts every status, zeros included', () => {
    expect(buildReport([upgraded, unsupported, unsupported]).counts).toEqual({ 'built-in': 0, upgraded: 1, 'not-supported': 2, 'no-mapping': 0, failed: 0, 'not-run': 0 });
  });

  test('reads as the wizard page: status, component, why, plugin, flags, vendor, help', () => {
    expect(formatReport(buildReport([upgraded, unsupported]))).toBe(
      [
        'upgraded by plugin adapter      IsdnCard1 (ISDNCARD → adapter2) — [01] Example ISDN Adapter',
        '                   upgraded by plugin @test/isdn-example',
        '                   plugin @test/isdn-example 1.0.0, working directory /w/oem0001',
        '                   flags LoadPostUpgrade|SkipInstallInGuiMode (0x00080001)',
        '                   vendor Example ISDN Inc. (+1 555 0111)',
        '                   Check the SPIDs.',
        'NOT SUPPORTED      protocol     Proto1 (PROTOCOL1 → Protocol1_2000)',
        '                   [OemUpgradeSupport] says NotSupported',
        '                   help: /v/help.txt, /v/help.htm',
        '',
        '1 upgraded by plugin, 1 not supported',
      ].join('\n'),
    );
    expect(formatReport(buildReport([]))).toBe('\nno network components found');
  });
});
