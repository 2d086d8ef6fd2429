// Tern Telecom's migration plugin for TernLink ISDN BRI adapters (NT 4.0 option TERNISDN).
// The pre-upgrade hook reads each ISDN line and B channel from the adapter instance's
// Parameters and writes them into the answer file as an AddReg section that GUI mode runs
// under the adapter's new instance key (InfToRunAfterInstall="", spec §8.4). Nothing runs in
// GUI mode: Windows 2000's setup does the writing.

import {
  DoPreUpgradeProcessing, inject, Log, MigrationPlugin, PreUpgradeInitialize,
  type AnswerFileWriter, type Logger, type PreUpgradeComponent, type PreUpgradeInitContext, type RegistryKeyView,
} from '@netmigrate/core';
import { quoteField } from './inf-text.js';
import { numberedSubkeys, readDword, readString } from './registry-read.js';

/** FLG_ADDREG_TYPE_DWORD (spec §9.2). */
const TYPE_DWORD = '0x00010001';

/** `params.<key>.OemSection` → `<key>`: the component's own answer-file key, unique per instance (`tern_isdn_u.2`). */
export function answerFileKey(sectionName: string): string {
  return sectionName.replace(/^params\./i, '').replace(/\.OemSection$/i, '');
}

/** One ISDN line (`Parameters\<n>`) and its B channels (`Parameters\<n>\<m>`), as TernLink's NT 4.0 driver keeps them. */
export interface IsdnLine {
  readonly line: string;
  readonly switchType: number | undefined;
  readonly channels: readonly { readonly channel: string; readonly phoneNumber: string | undefined; readonly spid: string | undefined }[];
}

export function readIsdnLines(params: RegistryKeyView): IsdnLine[] {
  return numberedSubkeys(params).map((line) => ({
    line: line.name,
    switchType: readDword(line, 'IsdnSwitchType'),
    channels: numberedSubkeys(line).map((ch) => ({ channel: ch.name, phoneNumber: readString(ch, 'IsdnPhoneNumber'), spid: readString(ch, 'IsdnSpid') })),
  }));
}

/**
 * The AddReg lines for the lines: per ISDN line, every B channel's phone number, then every
 * SPID (ETSI lines have none), then the switch type — the documented example's order.
 */
export function addRegLines(lines: readonly IsdnLine[], params: RegistryKeyView): string[] {
  const out: string[] = [];
  for (const l of lines) {
    for (const name of ['IsdnPhoneNumber', 'IsdnSpid'] as const) {
      for (const ch of l.channels) {
        const value = name === 'IsdnPhoneNumber' ? ch.phoneNumber : ch.spid;
        if (value === undefined) continue;
        out.push(`HKR,${l.line}\\${ch.channel},${name},0,${quoteField(value, `${params.path}\\${l.line}\\${ch.channel} ${name}`)}`);
      }
    }
    if (l.switchType !== undefined) out.push(`HKR,${l.line},IsdnSwitchType,${TYPE_DWORD},${l.switchType}`);
  }
  return out;
}

@MigrationPlugin({
  name: '@tern/netmigrate-isdn',
  version: '1.0.0',
  apiVersion: '^1',
  vendor: {
    companyName: 'Tern Telecom',
    supportNumber: '+1 555 0142',
    supportUrl: 'https://support.tern.example/isdn',
    instructionsToUser: 'After the upgrade, open the TernLink ISDN adapter\'s properties and check the switch type, phone numbers and SPIDs.',
  },
})
export class TernIsdnMigration {
  constructor(@inject(Log) private readonly log: Logger) {}

  @PreUpgradeInitialize()
  init(ctx: PreUpgradeInitContext): void {
    this.log.info(`TernLink ISDN migration for build ${ctx.upgradeInfo.from.buildNumber} → ${ctx.upgradeInfo.to.buildNumber}`);
  }

  @DoPreUpgradeProcessing()
  pre(c: PreUpgradeComponent, answer: AnswerFileWriter): void {
    const lines = readIsdnLines(c.params);
    answer.addSection(c.sectionName);
    if (lines.length === 0) {
      this.log.warn(`${c.preNT5Instance}: no ISDN line is configured under ${c.params.path}; Windows 2000 installs the adapter with its defaults`);
      return;
    }
    const key = answerFileKey(c.sectionName);
    const run = `${key}.SectionToRun`;
    const addReg = `${run}.AddReg`;
    answer.addLine(c.sectionName, `InfToRunAfterInstall="", ${run}`);
    answer.addSection(run);
    answer.addLine(run, `AddReg=${addReg}`);
    answer.addSection(addReg);
    for (const line of addRegLines(lines, c.params)) answer.addLine(addReg, line);
    const channels = lines.reduce((n, l) => n + l.channels.length, 0);
    this.log.info(`${c.preNT5Instance} (${c.nt5InfId}): ${lines.length} ISDN line(s), ${channels} B channel(s) carried over`);
  }
}
