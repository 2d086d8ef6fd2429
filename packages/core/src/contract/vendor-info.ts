/**
 * VENDORINFO: four WCHAR arrays of 256, 256, 256 and 1024, each holding a NUL-terminated
 * string, so the longest text is one UTF-16 code unit shorter. JavaScript string lengths are
 * UTF-16 code units too, so `.length` measures exactly what the array would hold.
 */
export interface VendorInfo {
  readonly companyName: string;
  readonly supportNumber?: string;
  readonly supportUrl?: string;
  readonly instructionsToUser?: string;
}

export const VENDOR_INFO_LIMITS = {
  companyName: 255,
  supportNumber: 255,
  supportUrl: 255,
  instructionsToUser: 1023,
} as const satisfies Record<keyof VendorInfo, number>;

const FIELDS = Object.keys(VENDOR_INFO_LIMITS) as (keyof VendorInfo)[];

export interface VendorInfoProblem {
  readonly field: keyof VendorInfo | 'vendor';
  readonly problem: string;
  readonly fix: string;
}

/** The first thing wrong with `value` as VENDORINFO, or undefined when it is acceptable. */
export function vendorInfoProblem(value: unknown): VendorInfoProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { field: 'vendor', problem: 'vendor info is not an object', fix: 'give { companyName, supportNumber, supportUrl, instructionsToUser }' };
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FIELDS as string[]).includes(key)) {
      return { field: 'vendor', problem: `vendor info has an unknown field "${key}"`, fix: `use only ${FIELDS.join(', ')}` };
    }
  }
  for (const field of FIELDS) {
    const text = record[field];
    if (text === undefined && field !== 'companyName') continue;
    if (typeof text !== 'string') {
      return { field, problem: `vendor.${field} is ${text === undefined ? 'missing' : `a ${typeof text}`}`, fix: `set vendor.${field} to a string` };
    }
    if (field === 'companyName' && text.trim() === '') {
      return { field, problem: 'vendor.companyName is empty', fix: 'name the company that supports the component' };
    }
    const limit = VENDOR_INFO_LIMITS[field];
    if (text.length > limit) {
      return {
        field,
        problem: `vendor.${field} is ${text.length} characters long, over VENDORINFO's limit of ${limit}`,
        fix: `shorten vendor.${field} to at most ${limit} characters`,
      };
    }
    if (text.includes('\0')) {
      return { field, problem: `vendor.${field} contains a NUL character, which would cut the WCHAR string short`, fix: `remove the NUL from vendor.${field}` };
    }
  }
  return undefined;
}

/** Copy holding only the known fields, so nothing a plugin attached travels further. */
export function normalizeVendorInfo(info: VendorInfo): VendorInfo {
  return {
    companyName: info.companyName,
    supportNumber: info.supportNumber ?? '',
    supportUrl: info.supportUrl ?? '',
    instructionsToUser: info.instructionsToUser ?? '',
  };
}
