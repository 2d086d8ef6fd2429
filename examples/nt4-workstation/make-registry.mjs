// Writes nt4-workstation.reg, the REGEDIT4 export of the example's NT 4.0 workstation, with the
// vendor test kit's builder. Run once (`node make-registry.mjs`, after `npm run build`) and
// commit the .reg: the example reads the file, as an operator's upgrade reads `regedit /e`.
import { fileURLToPath } from 'node:url';
import { nt4, reg } from '@netmigrate/testing';

const intel = { service: 'E100B', infOption: 'E100B', infName: 'OEMNADEP.INF', title: 'Intel EtherExpress PRO/100B PCI Adapter', manufacturer: 'Intel', vendor: 'Intel' };

export const machine = nt4({ product: 'workstation' })
  // Two PCI cards of one driver (E100B1 static, E100B2 DHCP), mapped by Intel's netmap.inf.
  .adapter({ ...intel, params: { BusNumber: 0, BusType: 5, SlotNumber: 10 }, tcpip: { ipAddress: ['192.168.10.21'], subnetMask: ['255.255.255.0'], defaultGateway: ['192.168.10.1'] }, wins: { primary: '192.168.10.2', secondary: '192.168.10.3' } })
  .adapter({ ...intel, params: { BusNumber: 0, BusType: 5, SlotNumber: 11 }, tcpip: { dhcp: true } })
  // The TernLink BRI U board: one line (NI-1), two B channels (plugins/adapter-tern-isdn).
  .adapter({
    service: 'TernIsdn', infOption: 'TERNISDN', infName: 'OEMNADTN.INF', title: 'TernLink ISDN BRI', manufacturer: 'Tern Telecom', vendor: 'Tern',
    params: {
      BusType: 1, IoBaseAddress: 0x300, InterruptNumber: 5, LineInterface: 'U',
      0: { IsdnSwitchType: 1, 0: { IsdnPhoneNumber: '555-0100', IsdnSpid: '01555010000' }, 1: { IsdnPhoneNumber: '555-0101', IsdnSpid: '01555010100' } },
    },
  })
  .tcpip({ hostname: 'WS01', domain: 'corp.example', nameServers: ['192.168.10.2', '192.168.10.3'], searchList: ['corp.example'], enableLmhosts: true })
  // MeriNet bound to both Ethernet cards, with its NT 4.0 helper driver (plugins/protocol-meridian-merinet).
  .protocol({
    vendor: 'Meridian', service: 'MeriNet', infOption: 'MERINET', infName: 'OEMNXPMN.INF', title: 'MeriNet Transport', bind: ['E100B1', 'E100B2'],
    params: {
      NodeName: 'WS01', MaxPacketSize: 1514, RetransmitTimeout: 500, WindowSize: 8, HelperDriver: 'MeriHlp',
      Adapters: { E100B1: { FrameType: 0, NetworkNumber: 0x1234 }, E100B2: { FrameType: 2, NetworkNumber: 0x5678 } },
    },
  })
  .key('SYSTEM\\CurrentControlSet\\Services\\MeriHlp', { ErrorControl: 1, ImagePath: 'System32\\drivers\\merihlp.sys', Start: 1, Type: 1 })
  .key('SOFTWARE\\Meridian\\MeriHlp\\CurrentVersion', { ServiceName: 'MeriHlp', SoftwareType: 'driver', Title: 'MeriNet Helper' })
  // LarkMon 2.x with two collectors (plugins/service-larkspur-larkmon).
  .service({
    vendor: 'Larkspur', service: 'LarkMon', infOption: 'LARKMON', infName: 'OEMNSVLM.INF', title: 'LarkMon Network Monitor Agent', serviceType: 0x10,
    params: { Collectors: ['mon1.corp.example', 'mon2.corp.example'], LogDirectory: reg.expandSz('%SystemRoot%\\Larkspur\\Logs'), PollInterval: 30, Community: 'public' },
  })
  // A fax server no vendor directory maps: the report lists it with Windows 2000's default help files.
  .service({ vendor: 'Osprey', service: 'OspFax', infOption: 'OSPFAX', infName: 'OEMNSVOF.INF', title: 'Osprey NetFax Server', serviceType: 0x10, params: { Modems: 2, Queue: reg.expandSz('%SystemRoot%\\OspFax\\Queue') } })
  .workstation({ OtherDomains: reg.multiSz(['SALES']) })
  .server()
  .netbios()
  .build();

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL('nt4-workstation.reg', import.meta.url));
  machine.writeReg(out);
  console.log(`wrote ${out}`);
}
