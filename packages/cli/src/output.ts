import type { CliIO } from './io.js';

/** Version of every `--json` document this command prints; bump on a breaking change. */
export const SCHEMA_VERSION = 1;

/** Prints exactly one JSON document on stdout, `schemaVersion` first. */
export function printJson(io: CliIO, body: Record<string, unknown>): void {
  io.stdout(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...body }, null, 2)}\n`);
}
