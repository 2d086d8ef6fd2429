// Writing registry data into INF lines the way SetupAPI will read them back (spec §9.1):
// a quoted field keeps commas, semicolons and blanks; `"` is doubled inside quotes, and `%`
// is doubled because SetupAPI substitutes `%…%` when it reads the field.

/** Characters no INF line can carry: they end the line or the file. */
const UNWRITABLE = /[\0-\x08\x0a-\x1f\x7f]/;

export class UnwritableValueError extends Error {
  override readonly name = 'UnwritableValueError';
}

/** `s` as one quoted INF field; `where` names the registry value in the error. */
export function quoteField(s: string, where: string): string {
  const bad = UNWRITABLE.exec(s);
  if (bad !== null) {
    const code = (bad[0].codePointAt(0) as number).toString(16).padStart(4, '0');
    throw new UnwritableValueError(`${where} holds the control character U+${code} at position ${bad.index + 1}; an answer-file line cannot carry it. Correct the value on the NT 4.0 machine and run winnt32 again`);
  }
  return `"${s.replace(/"/g, '""').replace(/%/g, '%%')}"`;
}
