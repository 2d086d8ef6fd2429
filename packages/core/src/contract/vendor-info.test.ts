import { describe, expect, it } from 'vitest';
import { normalizeVendorInfo, VENDOR_INFO_LIMITS, vendorInfoProblem } from './vendor-info.js';

const base = { companyName: 'Acme', supportNumber: '555', supportUrl: 'https://acme.example', instructionsToUser: 'Call.' };

describe('VENDORINFO limits', () => {
  it('are the WCHAR array sizes less the terminating NUL', () => {
    expect(VENDOR_INFO_LIMITS).toEqual({ companyName: 255, supportNumber: 255, supportUrl: 255, instructionsToUser: 1023 });
  });

  it.each(Object.entries(VENDOR_INFO_LIMITS))('accepts %s at its limit (%i) and names the field one over it', (field, limit) => {
    expect(vendorInfoProblem({ ...base, [field]: 'x'.repeat(limit) })).toBeUndefined();
    const problem = vendorInfoProblem({ ...base, [field]: 'x'.repeat(limit + 1) });
    expect(problem?.field).toBe(field);
    expect(problem?.problem).toBe(`vendor.${field} is ${limit + 1} characters long, over VENDORINFO's limit of ${limit}`);
    expect(problem?.fix).toBe(`shorten vendor.${field} to at most ${limit} characters`);
  });

  it('counts UTF-16 code units, as the WCHAR array does', () => {
    // 128 characters outside the BMP are 256 code units.
    expect(vendorInfoProblem({ companyName: '😀'.repeat(128) })?.field).toBe('companyName');
    expect(vendorInfoProblem({ companyName: '😀'.repeat(127) + 'x' })).toBeUndefined();
  });

  it('refuses a missing or empty company, a wrong type, a NUL and unknown fields', () => {
    expect(vendorInfoProblem({})?.problem).toBe('vendor.companyName is missing');
    expect(vendorInfoProblem({ companyName: '  ' })?.problem).toBe('vendor.companyName is empty');
    expect(vendorInfoProblem({ companyName: 'A', supportUrl: 42 })?.problem).toBe('vendor.supportUrl is a number');
    expect(vendorInfoProblem({ companyName: 'A\0B' })?.problem).toMatch(/NUL/);
    expect(vendorInfoProblem({ companyName: 'A', email: 'x' })?.problem).toBe('vendor info has an unknown field "email"');
    expect(vendorInfoProblem('Acme')?.field).toBe('vendor');
  });

  it('normalizes to the four fields with empty defaults', () => {
    expect(normalizeVendorInfo({ companyName: 'Acme' })).toEqual({ companyName: 'Acme', supportNumber: '', supportUrl: '', instructionsToUser: '' });
  });
});
