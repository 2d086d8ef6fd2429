// Meridian Systems' migration plugin for the MeriNet Transport (NT 4.0 option MERINET →
// Windows 2000 MRD_MeriNet). Winnt32 phase: it copies the transport's settings and its
// per-adapter bindings into its own answer-file sections, writes an INF into its working
// directory that removes the NT 4.0-only helper driver (InfToRunBeforeInstall), and asks to
// be loaded again (NUA_LOAD_POST_UPGRADE). GUI mode: it reads its sections back and writes the
// new registry — globally into the transport's Parameters, per adapter under
// Parameters\Adapters\{instance GUID}, the GUID the adapter got in Windows 2000.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DoPostUpgradeProcessing, DoPreUpgradeProcessing, inject, Log, MigrationPlugin, NUA, PluginOptions, PostUpgradeInitialize, PreUpgradeInitialize,
  type AnswerFileReader, type AnswerFileWriter, type Logger, type PostUpgradeComponent, type PostUpgradeInitContext, type PreUpgradeComponent,
  type PreUpgradeInitContext, type PreUpgradeResult,
} from '@netmigrate/core';
import { z } from 'zod';
import { bindingLines, globalLines, parseBindings, parseGlobal, readBindings, readGlobal, SettingsError } from './settings.js';

const Options = z
  .object({
    /** Remove the NT 4.0 helper driver's keys before MeriNet 3.x for Windows 2000 is installed (default). */
    removeHelperDriver: z.boolean().default(true),
  })
  .strict();

export type MeriNetOptions = z.output<typeof Options>;

/** The INF the Winnt32 phase leaves in the working directory for GUI mode. */
export const UPGRADE_INF = 'merinet-upgrade.inf';

/** `params.<key>.OemSection` → `<key>`. */
const keyOf = (sectionName: string) => sectionName.replace(/^params\./i, '').replace(/\.OemSection$/i, '');

/** The INF whose section deletes the helper driver's service and software keys (DelReg, spec §9.3). */
export function upgradeInf(section: string, helper: string): string {
  return [
    '; Written by the MeriNet migration plugin in the Winnt32 phase; run by GUI mode before the',
    '; network components are installed (InfToRunBeforeInstall).',
    '[Version]',
    'Signature="$Windows NT$"',
    '',
    `[${section}]`,
    `DelReg=${section}.DelReg`,
    '',
    `[${section}.DelReg]`,
    `HKLM,"SYSTEM\\CurrentControlSet\\Services\\${helper}"`,
    `HKLM,"SOFTWARE\\Meridian\\${helper}"`,
    '',
  ].join('\r\n');
}

@MigrationPlugin({
  name: '@meridian/netmigrate-merinet',
  version: '3.0.0',
  apiVersion: '^1',
  vendor: { companyName: 'Meridian Systems', supportNumber: '+1 555 0177', supportUrl: 'https://meridian.example/merinet/upgrade' },
  options: Options,
})
export class MeriNetMigration {
  #workingDir = '';

  constructor(
    @inject(Log) private readonly log: Logger,
    @inject(PluginOptions) private readonly options: MeriNetOptions,
  ) {}

  @PreUpgradeInitialize()
  init(ctx: PreUpgradeInitContext): void {
    this.#workingDir = ctx.workingDir;
  }

  @DoPreUpgradeProcessing()
  pre(c: PreUpgradeComponent, answer: AnswerFileWriter): PreUpgradeResult {
    const global = readGlobal(c.params);
    const bindings = readBindings(c.params);
    const key = keyOf(c.sectionName);
    answer.addSection(c.sectionName);
    if (global.helperDriver !== undefined && this.options.removeHelperDriver) {
      const section = `${key}.RemoveHelper`;
      // The working directory is the one place a plugin may write before the upgrade (spec §4.4).
      writeFileSync(join(this.#workingDir, UPGRADE_INF), upgradeInf(section, global.helperDriver), 'latin1');
      answer.addLine(c.sectionName, `InfToRunBeforeInstall=${UPGRADE_INF},${section}`);
    }
    for (const line of globalLines(global, c.params.path)) answer.addLine(c.sectionName, line);
    const sections = bindings.map((b) => `${key}.Adapter.${b.instance}`);
    if (sections.length > 0) answer.addLine(c.sectionName, `Adapters=${sections.join(',')}`);
    bindings.forEach((b, i) => {
      const s = sections[i] as string;
      answer.addSection(s);
      for (const line of bindingLines(b)) answer.addLine(s, line);
    });
    this.log.info(`${c.preNT5Instance}: settings and ${bindings.length} adapter binding(s) recorded for GUI mode`);
    return { flags: NUA.LoadPostUpgrade };
  }

  @PostUpgradeInitialize()
  postInit(ctx: PostUpgradeInitContext): void {
    this.log.info(`MeriNet GUI-mode processing (working directory ${ctx.workingDir})`);
  }

  @DoPostUpgradeProcessing()
  post(c: PostUpgradeComponent, answer: AnswerFileReader): void {
    if (!answer.hasSection(c.sectionName)) {
      throw new SettingsError(`the answer file has no [${c.sectionName}]: the Winnt32 phase did not record MeriNet's settings, so there is nothing to carry over`);
    }
    const global = parseGlobal(answer, c.sectionName);
    if (global.nodeName !== undefined) c.params.setString('NodeName', global.nodeName);
    if (global.maxPacketSize !== undefined) c.params.setDword('MaxPacketSize', global.maxPacketSize);
    if (global.retransmitTimeout !== undefined) c.params.setDword('RetransmitTimeout', global.retransmitTimeout);
    if (global.windowSize !== undefined) c.params.setDword('WindowSize', global.windowSize);
    const bindings = parseBindings(answer, c.sectionName);
    for (const b of bindings) {
      const guid = c.instanceGuidOf(b.instance);
      if (guid === undefined) {
        // The adapter was not upgraded (no mapping, or its plugin failed): the binding has nothing to bind to.
        this.log.warn(`adapter ${b.instance} has no Windows 2000 instance; its MeriNet settings are not carried over`);
        continue;
      }
      const adapter = c.params.createSubkey('Adapters').createSubkey(guid);
      if (b.frameType !== undefined) adapter.setDword('FrameType', b.frameType);
      if (b.networkNumber !== undefined) adapter.setDword('NetworkNumber', b.networkNumber);
    }
  }
}
