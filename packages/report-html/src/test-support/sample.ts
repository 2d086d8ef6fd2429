// A fixed report with every status, vendor info of every kind, both help formats, plugin and
// engine sections, diagnostics and an `apply` part: the input of the golden files and of the
// Chromium test. Hostile strings live in the Chromium test and the property test.

import type { NetmigrateReport, ReportComponent } from '../input.js';

const ISDN_HELP_TXT = 'The Example ISDN adapter is upgraded by its migration plugin.\r\nCheck the SPIDs after the upgrade: see "ISDN settings" & the manual.\r\n';
const ACME_HELP_HTM = '<html><head><title>Acme help</title><style>body{font-family:serif}</style></head><body><h1>AcmeNet 3000</h1><p>Windows 2000 has no driver for this card. Install <b>AcmeNet 2000</b> from <a href="https://acme.example/drivers">acme.example</a> after the upgrade.</p></body></html>';

export const SAMPLE_COMPONENTS: ReportComponent[] = [
  {
    kind: 'protocol', preNT5InfId: 'MS_TCPIP', preNT5Instance: 'Tcpip', title: 'TCP/IP Protocol', status: 'built-in', nt5InfId: 'MS_TCPIP',
    answerFileKey: 'MS_TCPIP', paramsSection: 'params.MS_TCPIP',
    detail: 'upgraded by Windows 2000 itself; the engine wrote [params.MS_TCPIP] and 1 per-adapter section(s) with 9 setting(s) from the registry',
  },
  {
    kind: 'adapter', preNT5InfId: 'ISDNCARD', preNT5Instance: 'IsdnCard1', title: 'Example ISDN Adapter', status: 'upgraded', nt5InfId: 'adapter2',
    answerFileKey: 'adapter2', paramsSection: 'params.adapter2',
    netmap: { file: '/vendors/isdn/netmap.inf', line: 7, column: 1 },
    plugin: { name: '@example/isdn', version: '1.0.0', module: '/vendors/isdn/isdn-example.mjs', workingDir: '/run/$Win_nt$.~bt/oem0001' },
    vendorInfo: { companyName: 'Example ISDN Inc.', supportNumber: '+1 555 0111', supportUrl: 'https://isdn.example/support?q=a&b=c', instructionsToUser: 'Check the SPIDs after the upgrade.' },
    flags: 1, flagNames: ['LoadPostUpgrade'],
    detail: 'upgraded by plugin @example/isdn: [params.adapter2] and the sections the plugin wrote',
  },
  {
    kind: 'adapter', preNT5InfId: 'ACME3000', preNT5Instance: 'Acme30001', title: 'AcmeNet 3000', status: 'not-supported', nt5InfId: 'acme3000',
    netmap: { file: '/vendors/acme/netmap.inf', line: 12, column: 1 },
    helpFiles: { txt: '/vendors/acme/acmehelp.txt', htm: '/vendors/acme/acmehelp.htm', source: 'vendor', exists: { txt: false, htm: true } },
    help: { htm: ACME_HELP_HTM },
    detail: 'its netmap.inf marks it NotSupported',
  },
  {
    kind: 'service', preNT5InfId: 'OLDSVC', preNT5Instance: 'OldSvc', status: 'no-mapping',
    helpFiles: { txt: 'winntupg/unsupmsg.txt', htm: 'winntupg/unsupmsg.htm', source: 'default', exists: { txt: false, htm: false } },
    detail: 'no netmap.inf maps OLDSVC',
  },
  {
    kind: 'adapter', preNT5InfId: 'ISDNCARD', preNT5Instance: 'IsdnCard2', title: 'Example ISDN Adapter', status: 'failed', nt5InfId: 'adapter2',
    netmap: { file: '/vendors/isdn/netmap.inf', line: 7, column: 1 },
    plugin: { name: '@example/isdn', version: '1.0.0', module: '/vendors/isdn/isdn-example.mjs', workingDir: '/run/$Win_nt$.~bt/oem0001' },
    vendorInfo: { companyName: 'Example ISDN Inc.', supportNumber: '+1 555 0111', supportUrl: 'isdn.example/support', instructionsToUser: '' },
    helpFiles: { txt: '/vendors/isdn/isdnhelp.txt', htm: '/vendors/isdn/isdnhelp.htm', source: 'vendor', exists: { txt: true, htm: true } },
    help: { txt: ISDN_HELP_TXT, htm: '<html><body><p>The Example ISDN adapter is upgraded by its migration plugin.</p></body></html>' },
    failure: { plugin: '@example/isdn', hook: 'DoPreUpgradeProcessing', component: 'IsdnCard2', kind: 'threw', message: 'TypeError: SPID missing' },
    detail: 'not upgraded: DoPreUpgradeProcessing threw TypeError: SPID missing; nothing of it is in the answer file',
  },
  {
    kind: 'client', preNT5InfId: 'WIDGETCLI', preNT5Instance: 'WidgetClient', status: 'not-run', nt5InfId: 'widget_client',
    netmap: { file: '/vendors/widget/netmap.inf', line: 5, column: 1 },
    plugin: { name: 'widget', module: '/vendors/widget/widget.mjs', workingDir: '/run/$Win_nt$.~bt/oem0002' },
    vendorInfo: { companyName: 'Widget Corp', supportNumber: '', supportUrl: 'mailto:support@widget.example', instructionsToUser: 'Call us before upgrading.' },
    detail: 'plugin widget did not process it: the run stopped at an abort request first',
  },
];

export const SAMPLE_REPORT: NetmigrateReport = {
  schemaVersion: 1,
  title: 'netmigrate report: ws-042',
  generatedAt: '2024-05-01T12:00:00.000Z',
  tool: { name: 'netmigrate', version: '0.1.0' },
  run: {
    command: 'apply',
    status: 'committed',
    upgradeInfo: { from: { productType: 1, buildNumber: 1381 }, to: { productType: 1, buildNumber: 2195 } },
  },
  components: SAMPLE_COMPONENTS,
  answerFile: {
    path: '/run/$Win_nt$.~bt/winnt.sif',
    state: 'committed',
    sections: [
      { name: 'NetAdapters', owner: { kind: 'engine' }, lines: ['adapter2=params.adapter2'] },
      { name: 'NetProtocols', owner: { kind: 'engine' }, lines: ['MS_TCPIP=params.MS_TCPIP'] },
      { name: 'params.MS_TCPIP', owner: { kind: 'engine' }, lines: ['DNS=No', 'AdapterSections=params.MS_TCPIP.adapter2'] },
      { name: 'params.MS_TCPIP.adapter2', owner: { kind: 'engine' }, lines: ['SpecificTo=adapter2', 'DHCP=Yes'] },
      { name: 'params.adapter2', owner: { kind: 'engine' }, lines: ['InfID=adapter2', 'PreUpgradeInstance=IsdnCard1', 'OemSection=params.adapter2.OemSection', 'OemDllToLoad=/vendors/isdn/isdn-example.mjs'] },
      { name: 'params.adapter2.OemSection', owner: { kind: 'plugin', plugin: 'oem0001' }, lines: ['SwitchType=1', 'SPIDs="01234567,76543210"'] },
      { name: 'IsdnCard1.Extra', owner: { kind: 'plugin', plugin: 'oem0001' }, lines: [] },
      { name: 'Netmigrate.PreUpgrade', owner: { kind: 'engine' }, lines: ['adapter2=0x00000001,IsdnCard1,ISDNCARD,/run/$Win_nt$.~bt/oem0001'] },
    ],
  },
  diagnostics: [
    { severity: 'error', code: 'plugin-threw', message: 'TypeError: SPID missing', plugin: '@example/isdn', hook: 'DoPreUpgradeProcessing', component: 'IsdnCard2' },
    { severity: 'warning', code: 'netmap-missing-value-name', message: 'the line has no value name; it is ignored', file: '/vendors/acme/netmap.inf', line: 14, column: 3 },
  ],
  apply: {
    target: '/targets/ws-042',
    postUpgrade: {
      status: 'applied',
      components: [
        { preNT5Instance: 'Tcpip', kind: 'protocol', key: 'MS_TCPIP', nt5InfId: 'MS_TCPIP', status: 'installed', instanceGuid: '{4A1B0C9E-0001-4C6B-9E3C-1D2F3A4B5C6D}' },
        { preNT5Instance: 'IsdnCard1', kind: 'adapter', key: 'adapter2', nt5InfId: 'adapter2', plugin: '@example/isdn', status: 'upgraded', instanceKey: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}\\0001', detail: 'DoPostUpgradeProcessing succeeded' },
      ],
    },
    registryChanges: [
      { kind: 'keyAdded', path: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\AcmeIsdn' },
      { kind: 'valueAdded', path: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\AcmeIsdn', name: 'Start', after: { type: 'REG_DWORD', data: '0x00000003' } },
      { kind: 'valueAdded', path: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\AcmeIsdn', name: '', after: { type: 'REG_SZ', data: '"Acme ISDN"' } },
      { kind: 'valueChanged', path: 'HKEY_LOCAL_MACHINE\\SYSTEM\\Setup\\Netmigrate', name: 'AppliedAnswerFile', before: { type: 'REG_SZ', data: '""' }, after: { type: 'REG_SZ', data: '"9f86d081884c7d65"' } },
      { kind: 'valueRemoved', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Old', name: 'Obsolete', before: { type: 'REG_BINARY', data: 'hex:01,02' } },
      { kind: 'keyRemoved', path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Old' },
    ],
  },
};
