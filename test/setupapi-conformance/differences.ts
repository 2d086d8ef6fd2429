// Where @netmigrate/setupapi deliberately does what Windows' documentation says and Wine 8's
// SetupAPI does something else (packages/setupapi/README.md, docs/conformance.md "SetupAPI").
//
// A case that hits one is kept out of the plain comparison, but not left unchecked: each
// difference says what Wine does instead, as an INF line Wine's behaviour equals (or, for the
// DELSTRING one, as the bytes Wine stores), and our executor run on that rewritten INF must then
// produce exactly Wine's registry. So a listed difference can hide nothing but itself.

export interface Difference {
  id: string;
  reason: string;
}

export const DIFFERENCES: readonly Difference[] = [
  {
    id: 'delreg-flags-without-delreg-bit',
    reason:
      'DelReg line with non-zero flags lacking FLG_ADDREG_DELREG_BIT (0x8000), e.g. 0x00002000 FLG_DELREG_KEYONLY_COMMON or ' +
      '0x00010000 FLG_DELREG_TYPE_MULTI_SZ: Wine 8 ignores the line; the documentation lists these flags for DelReg, so we ' +
      'delete (the value, or with KEYONLY_COMMON the key). Wine = the line removed.',
  },
  {
    id: 'flags-not-an-integer',
    reason:
      'Flags field that is not a SetupGetIntField integer (1e, 0x, 08, abc): Wine 8 uses flags 0 (AddReg: a REG_SZ from ' +
      'field 5; DelReg: a deletion); we skip the line with a bad-flags error. Wine = the flags written as 0.',
  },
  {
    id: 'flags-above-int-max',
    reason:
      "Flags above 0x7FFFFFFF written as a positive number (0x80000001, 0xFFFF0001, 0x100000000): Wine 8's SetupGetIntField " +
      'uses strtol, which saturates at 0x7FFFFFFF, so the line carries FLG_ADDREG_DELREG_BIT and KEYONLY_COMMON (AddReg ignores ' +
      'it, DelReg deletes the whole key). We read the 32-bit flags as written (over 32 bits: bad-flags). Wine = the flags written as 0x7fffffff.',
  },
  {
    id: 'binary-byte-not-hex',
    reason:
      "Binary data byte that is not hex (zz, 1g, x, 7-): Wine 8's SetupGetBinaryField keeps the leading hex digits (none: 00) " +
      'and stores the line; we skip the line with a bad-binary-byte error. Wine = the byte written as its leading hex digits.',
  },
  {
    id: 'binary-byte-0x-prefix',
    reason:
      'Binary data byte with a 0x prefix (0x12): Wine 8 stops at the x and stores 00; we read the byte as 0x12 (spec §9.4 ' +
      'allows the prefix). Wine = the byte written as 0.',
  },
  {
    id: 'binary-byte-strkey',
    reason:
      'Binary data byte given as a %strkey%: Wine 8 reads binary fields as written, without string substitution (the % is not ' +
      'a hex digit: 00); we substitute every field first, as the INF syntax rules say %strkey% may stand for any value. ' +
      'Wine = the byte written as 0.',
  },
  {
    id: 'field-over-511-chars',
    reason:
      "Field longer than 511 characters: Wine 8's INF parser silently cuts every field at 511 characters; Windows documents " +
      '4096, and we keep the whole field. Wine = the field cut to 511 characters.',
  },
  {
    id: 'append-creates-value',
    reason:
      'FLG_ADDREG_APPEND onto an absent value: Wine 8 does nothing (it only opens or creates the key); we create the value ' +
      '(spec §9.5). Wine = the line written as a KEYONLY line for the same key.',
  },
  {
    id: 'delstring-cuts-value',
    reason:
      'FLG_DELREG_MULTI_SZ_DELSTRING on an existing REG_MULTI_SZ: Wine 8 rewrites the value whether or not a string matched, ' +
      'passing its length in characters where bytes are due, so about half of the bytes stay (RegSetValueExW adds 2 when the ' +
      'cut falls right after a string); we store the remaining list well-formed, and leave the value alone when nothing ' +
      'matched. Wine = our bytes cut that way (compare.ts wineDelStringBytes).',
  },
  {
    id: 'multi-sz-non-ascii-case',
    reason:
      'APPEND / MULTI_SZ_DELSTRING strings that differ only in the case of a non-ASCII letter (Ärger, ärger): Wine 8 compares ' +
      'with the C runtime wcsicmp, which folds A-Z only, so it appends the string again (or does not remove it); the ' +
      'documentation says case-insensitive, and we fold case as Windows does for registry names. Marked per value by the ' +
      'generator; only that value may differ.',
  },
];

export const DIFFERENCE_IDS: readonly string[] = DIFFERENCES.map((d) => d.id);

export function differenceReason(id: string): string {
  const d = DIFFERENCES.find((x) => x.id === id);
  if (!d) throw new Error(`unknown difference ${id}`);
  return d.reason;
}
