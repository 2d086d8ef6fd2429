// Larkspur Software's migration plugin for the LarkMon network monitor agent (NT 4.0 option
// LARKMON, LarkMon 2.x → Windows 2000 LSP_LarkMon, LarkMon 3.0). The pre-upgrade hook writes
// the agent's settings as an AddReg section GUI mode runs after installing the service
// (InfToRunAfterInstall=""): a REG_MULTI_SZ list of collectors, a REG_EXPAND_SZ log directory
// kept unexpanded, a DWORD and a string. An ambiguous configuration (see settings.ts) makes
// PreUpgradeInitialize ask for the upgrade to be aborted (NUA_REQUEST_ABORT_UPGRADE), unless
// the integrator chose a policy in the plugin's options.

import {
  DoPreUpgradeProcessing, inject, Log, MigrationPlugin, NUA, PluginOptions, PreUpgradeInitialize,
  type AnswerFileWriter, type Logger, type PreUpgradeComponent, type PreUpgradeInitContext, type PreUpgradeInitResult,
  type PreUpgradeResult, type RegistryKeyView, type VendorInfo,
} from '@netmigrate/core';
import { z } from 'zod';
import { ambiguity, LarkMonSettingsError, readSettings, resolvedCollectors } from './settings.js';

const Options = z
  .object({
    /**
     * An ambiguous configuration: `request-abort` (default) asks the operator to abort and tidy
     * it on NT 4.0 first; `use-collectors` keeps Collectors and drops the 1.x CollectorHost;
     * `merge` adds CollectorHost to the end of Collectors.
     */
    ambiguousCollectors: z.enum(['request-abort', 'use-collectors', 'merge']).default('request-abort'),
  })
  .strict();

export type LarkMonOptions = z.output<typeof Options>;

/** The agent's NT service name; its Parameters key is where LarkMon 2.x and 3.0 both keep their settings. */
export const SERVICE = 'LarkMon';
const PARAMS_PATH = ['SYSTEM', 'CurrentControlSet', 'Services', SERVICE, 'Parameters'];

const VENDOR: Required<VendorInfo> = {
  companyName: 'Larkspur Software',
  supportNumber: '+1 555 0163',
  supportUrl: 'https://larkspur.example/larkmon/upgrade',
  instructionsToUser: '',
};

/** What the operator is told when the configuration is ambiguous. */
export const TIDY_INSTRUCTIONS =
  'LarkMon cannot tell which collector this agent reports to. On Windows NT 4.0, run "larkcfg /tidy" (it asks which collectors to keep and removes the LarkMon 1.x CollectorHost), then start the upgrade again.';

// FLG_ADDREG_TYPE_* (spec §9.2).
const MULTI_SZ = '0x00010000';
const EXPAND_SZ = '0x00020000';
const DWORD = '0x00010001';

/** A quoted INF field: `"` and `%` doubled (`%%SystemRoot%%` reads back as `%SystemRoot%`, unexpanded). */
export function quote(s: string, where: string): string {
  if (/[\0-\x08\x0a-\x1f\x7f]/.test(s)) throw new LarkMonSettingsError(`${where} holds a control character, which an answer-file line cannot carry; correct it with larkcfg on NT 4.0`);
  return `"${s.replace(/"/g, '""').replace(/%/g, '%%')}"`;
}

/** The HKLM AddReg lines writing LarkMon 3.0's settings (it reads Services\<service>\Parameters, like 2.x). */
export function addRegLines(service: string, s: { collectors?: readonly string[] | undefined; logDirectory?: string | undefined; pollInterval?: number | undefined; community?: string | undefined }, where: string): string[] {
  const key = `HKLM,${quote(`SYSTEM\\CurrentControlSet\\Services\\${service}\\Parameters`, 'the service name')}`;
  const lines: string[] = [];
  if (s.collectors !== undefined) lines.push(`${key},Collectors,${MULTI_SZ}${s.collectors.map((c) => `,${quote(c, `${where} Collectors`)}`).join('')}`);
  if (s.logDirectory !== undefined) lines.push(`${key},LogDirectory,${EXPAND_SZ},${quote(s.logDirectory, `${where} LogDirectory`)}`);
  if (s.pollInterval !== undefined) lines.push(`${key},PollInterval,${DWORD},${s.pollInterval}`);
  if (s.community !== undefined) lines.push(`${key},Community,0,${quote(s.community, `${where} Community`)}`);
  return lines;
}

@MigrationPlugin({
  name: '@larkspur/netmigrate-larkmon',
  version: '3.0.0',
  apiVersion: '^1',
  vendor: VENDOR,
  options: Options,
})
export class LarkMonMigration {
  constructor(
    @inject(Log) private readonly log: Logger,
    @inject(PluginOptions) private readonly options: LarkMonOptions,
  ) {}

  /**
   * Looks at the agent's configuration before anything is written. The engine hands this hook
   * the registry when it can (`registry`, HKEY_LOCAL_MACHINE, read-only); without it the same
   * check runs in DoPreUpgradeProcessing, which may only abort outright.
   */
  @PreUpgradeInitialize()
  init(ctx: PreUpgradeInitContext): PreUpgradeInitResult | undefined {
    const hklm = (ctx as PreUpgradeInitContext & { readonly registry?: RegistryKeyView }).registry;
    if (hklm === undefined || this.options.ambiguousCollectors !== 'request-abort') return undefined;
    const params = PARAMS_PATH.reduce<RegistryKeyView | undefined>((key, name) => key?.subkey(name), hklm);
    if (params === undefined) return undefined;
    const problem = ambiguity(readSettings(params), params.path);
    if (problem === undefined) return undefined;
    this.log.warn(problem);
    return { flags: NUA.RequestAbortUpgrade, vendorInfo: { ...VENDOR, instructionsToUser: TIDY_INSTRUCTIONS } };
  }

  @DoPreUpgradeProcessing()
  pre(c: PreUpgradeComponent, answer: AnswerFileWriter): PreUpgradeResult | undefined {
    const settings = readSettings(c.params);
    const problem = ambiguity(settings, c.params.path);
    if (problem !== undefined && this.options.ambiguousCollectors === 'request-abort') {
      // Only reached when PreUpgradeInitialize could not see the registry: abort without asking.
      this.log.error(problem);
      return { flags: NUA.AbortUpgrade, vendorInfo: { ...VENDOR, instructionsToUser: TIDY_INSTRUCTIONS } };
    }
    if (problem !== undefined) this.log.warn(`${problem}; option ambiguousCollectors=${this.options.ambiguousCollectors} decides`);
    const policy = this.options.ambiguousCollectors === 'merge' ? 'merge' : 'use-collectors';
    const lines = addRegLines(c.preNT5Instance, { ...settings, collectors: resolvedCollectors(settings, policy) }, c.params.path);
    answer.addSection(c.sectionName);
    if (lines.length === 0) return undefined;
    const key = c.sectionName.replace(/^params\./i, '').replace(/\.OemSection$/i, '');
    const run = `${key}.SectionToRun`;
    answer.addLine(c.sectionName, `InfToRunAfterInstall="",${run}`);
    answer.addSection(run);
    answer.addLine(run, `AddReg=${run}.AddReg`);
    answer.addSection(`${run}.AddReg`);
    for (const line of lines) answer.addLine(`${run}.AddReg`, line);
    return undefined;
  }
}
