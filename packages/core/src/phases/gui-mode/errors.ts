/** A place in an INF: the answer file or a vendor INF. */
export interface Where {
  readonly file: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly section?: string;
}

export const formatWhere = (w: Where): string => `${w.file ?? '<answer file>'}:${w.line}:${w.column}`;

/** The answer file or a vendor INF cannot be processed as written. */
export class GuiModeError extends Error {
  override readonly name = 'GuiModeError';
  constructor(
    readonly detail: string,
    readonly where: Where | undefined,
  ) {
    super(where === undefined ? detail : `${formatWhere(where)}: ${detail}`);
  }
}
