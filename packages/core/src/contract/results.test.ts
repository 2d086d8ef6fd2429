import { describe, expect, it } from 'vitest';
import { NUA } from './constants.js';
import { HookResultError, normalizeHookResult } from './results.js';

const defaults = { vendor: { companyName: 'Acme' }, postUpgrade: true };
const vendor = { companyName: 'Acme', supportNumber: '', supportUrl: '', instructionsToUser: '' };

describe('normalizeHookResult', () => {
  it('starts every call with zero flags and the manifest vendor info', () => {
    expect(normalizeHookResult('DoPreUpgradeProcessing', undefined, defaults)).toEqual({ flags: 0, vendorInfo: vendor, servicesNotToBeDeleted: [] });
    expect(normalizeHookResult('PreUpgradeInitialize', {}, defaults)).toEqual({ flags: 0, vendorInfo: vendor, servicesNotToBeDeleted: [] });
  });

  it('keeps flags, vendor info and services the hook may return', () => {
    expect(normalizeHookResult('PreUpgradeInitialize', { flags: NUA.RequestAbortUpgrade, servicesNotToBeDeleted: ['AcmeSvc'] }, defaults))
      .toEqual({ flags: 2, vendorInfo: vendor, servicesNotToBeDeleted: ['AcmeSvc'] });
    expect(normalizeHookResult('DoPreUpgradeProcessing', { flags: NUA.LoadPostUpgrade | NUA.SkipInstallInGuiMode, vendorInfo: { companyName: 'Other' } }, defaults))
      .toEqual({ flags: 0x80001, vendorInfo: { ...vendor, companyName: 'Other' }, servicesNotToBeDeleted: [] });
  });

  it('gives the GUI-mode hooks no flags and the vendor info they return, or the manifest\'s', () => {
    for (const hook of ['PostUpgradeInitialize', 'DoPostUpgradeProcessing'] as const) {
      expect(normalizeHookResult(hook, undefined, defaults)).toEqual({ flags: 0, vendorInfo: vendor, servicesNotToBeDeleted: [] });
      expect(normalizeHookResult(hook, { vendorInfo: { companyName: 'Other', supportUrl: 'https://other.example' } }, defaults))
        .toEqual({ flags: 0, vendorInfo: { ...vendor, companyName: 'Other', supportUrl: 'https://other.example' }, servicesNotToBeDeleted: [] });
    }
  });

  const refusals: [string, Parameters<typeof normalizeHookResult>[0], unknown, string, boolean?][] = [
    ['a flag the hook cannot set', 'PreUpgradeInitialize', { flags: NUA.LoadPostUpgrade }, 'PreUpgradeInitialize returned LoadPostUpgrade (0x00000001), which PreUpgradeInitialize cannot set; it may set RequestAbortUpgrade|AbortUpgrade (0x00000006)'],
    ['RequestAbortUpgrade per component', 'DoPreUpgradeProcessing', { flags: NUA.RequestAbortUpgrade }, 'DoPreUpgradeProcessing returned RequestAbortUpgrade (0x00000002), which DoPreUpgradeProcessing cannot set; it may set LoadPostUpgrade|AbortUpgrade|SkipInstallInGuiMode (0x00080005)'],
    ['flags in GUI mode', 'PostUpgradeInitialize', { flags: 0 }, 'PostUpgradeInitialize returned an unknown field "flags"; it may return vendorInfo'],
    ['unknown bits', 'DoPreUpgradeProcessing', { flags: 0x10 }, 'DoPreUpgradeProcessing returned flags unknown 0x00000010 (0x00000010) with bits that are no NUA flag'],
    ['a non-integer', 'DoPreUpgradeProcessing', { flags: 1.5 }, 'DoPreUpgradeProcessing returned flags 1.5, which is not a 32-bit unsigned integer'],
    ['a typo', 'DoPreUpgradeProcessing', { flag: 1 }, 'DoPreUpgradeProcessing returned an unknown field "flag"; it may return flags, vendorInfo'],
    ['a string', 'DoPreUpgradeProcessing', 'ok', 'DoPreUpgradeProcessing returned a string; return an object or nothing'],
    ['long vendor info', 'PostUpgradeInitialize', { vendorInfo: { companyName: 'x'.repeat(256) } }, "PostUpgradeInitialize returned vendorInfo.companyName is 256 characters long, over VENDORINFO's limit of 255"],
    ['a bad service name', 'PreUpgradeInitialize', { servicesNotToBeDeleted: ['ok', 'a\\b'] }, 'PreUpgradeInitialize returned servicesNotToBeDeleted[1] = "a\\\\b", which is not a service name (1 to 256 characters, no NUL, / or \\)'],
    ['pdwFlags from DoPostUpgradeProcessing', 'DoPostUpgradeProcessing', { flags: NUA.LoadPostUpgrade }, 'DoPostUpgradeProcessing returned an unknown field "flags"; it may return vendorInfo'],
    ['services from PostUpgradeInitialize', 'PostUpgradeInitialize', { servicesNotToBeDeleted: [] }, 'PostUpgradeInitialize returned an unknown field "servicesNotToBeDeleted"; it may return vendorInfo'],
    ['LoadPostUpgrade without post hooks', 'DoPreUpgradeProcessing', { flags: NUA.LoadPostUpgrade }, 'DoPreUpgradeProcessing returned LoadPostUpgrade, but the plugin has no @PostUpgradeInitialize/@DoPostUpgradeProcessing methods to load', false],
  ];

  it.each(refusals)('refuses %s', (_what, hook, raw, message, postUpgrade = true) => {
    const run = () => normalizeHookResult(hook, raw, { ...defaults, postUpgrade });
    expect(run).toThrow(HookResultError);
    expect(run).toThrow(message);
  });
});
