// Writes branch-office.reg, the REGEDIT4 export of the branch-office workstation this rollout
// upgrades, with the vendor test kit's builder. Run once (`node make-registry.mjs`, after
// `npm run build`) and commit the .reg.
import { fileURLToPath } from 'node:url';
import { nt4, reg } from '@netmigrate/testing';

export const machine = nt4({ product: 'workstation' })
  .adapter({ service: 'E100B', infOption: 'E100B', infName: 'OEMNADEP.INF', title: 'Intel EtherExpress PRO/100B PCI Adapter', manufacturer: 'Intel', vendor: 'Intel', tcpip: { dhcp: true } })
  .tcpip({ hostname: 'BR017', domain: 'branch.corp.example' })
  // MeriNet and the helper driver it needs on NT 4.0; the branch keeps the helper (removeHelperDriver = false).
  .protocol({
    vendor: 'Meridian', service: 'MeriNet', infOption: 'MERINET', infName: 'OEMNXPMN.INF', title: 'MeriNet Transport', bind: ['E100B1'],
    params: { NodeName: 'BR017', MaxPacketSize: 1514, RetransmitTimeout: 800, WindowSize: 4, HelperDriver: 'MeriHlp', Adapters: { E100B1: { FrameType: 1, NetworkNumber: 17 } } },
  })
  .key('SYSTEM\\CurrentControlSet\\Services\\MeriHlp', { ErrorControl: 1, ImagePath: 'System32\\drivers\\merihlp.sys', Start: 1, Type: 1 })
  // LarkMon 2.x with a leftover 1.x CollectorHost that is none of its Collectors: ambiguous,
  // unless the integrator decides (ambiguousCollectors = merge).
  .service({
    vendor: 'Larkspur', service: 'LarkMon', infOption: 'LARKMON', infName: 'OEMNSVLM.INF', title: 'LarkMon Network Monitor Agent', serviceType: 0x10,
    params: { Collectors: ['mon1.corp.example'], CollectorHost: 'oldmon.branch.corp.example', LogDirectory: reg.expandSz('%SystemRoot%\\Larkspur\\Logs'), PollInterval: 60, Community: 'branch' },
  })
  .workstation()
  .build();

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL('branch-office.reg', import.meta.url));
  machine.writeReg(out);
  console.log(`wrote ${out}`);
}
