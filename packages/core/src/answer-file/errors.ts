/**
 * Text the answer file cannot hold: a character Windows-1252 has no byte for, or a line that
 * would not read back as exactly one entry of its section. `column` is 1-based in `line` (or
 * in the section name when `line` is undefined).
 */
export class AnswerFileTextError extends Error {
  override readonly name = 'AnswerFileTextError';

  constructor(
    readonly section: string,
    readonly line: string | undefined,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${line === undefined ? `section name ${JSON.stringify(section)}` : `section [${section}], line ${JSON.stringify(clip(line))}`}, column ${column}: ${reason}`);
  }
}

/** The engine used the answer file wrongly (after commit, a foreign section, a stale savepoint). */
export class AnswerFileStateError extends Error {
  override readonly name = 'AnswerFileStateError';
}

/**
 * A plugin's answer-file op refused while staging it (after its hook had returned): the
 * component's writes are rolled back and it is reported failed with this message.
 */
export class PluginOpError extends Error {
  override readonly name = 'PluginOpError';

  constructor(
    readonly plugin: string,
    readonly component: string,
    /** 0-based position of the op in the hook's ops. */
    readonly opIndex: number,
    readonly reason: string,
  ) {
    super(`plugin ${plugin}, component ${component}: answer-file op #${opIndex + 1} refused: ${reason}`);
  }
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
