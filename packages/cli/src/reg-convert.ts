import { writeRegOperations, type RegFile } from '@netmigrate/registry';

/**
 * Converts what a .reg file does (including its deletions, which a registry tree cannot
 * hold) into the other format. Throws RegFormatError naming the key and value when the
 * target cannot express something (REGEDIT4 is ANSI).
 */
export function convertRegFile(file: RegFile, o: { format: 'regedit4' | 'regedit5'; codepage: string }): Uint8Array {
  return writeRegOperations(file.operations, { format: o.format, codepage: o.codepage });
}
