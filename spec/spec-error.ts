/** Where a problem is: a line and column of the file, or the JSON pointer of a node. */
export type SpecErrorLocation =
  { readonly line: number; readonly column: number } | { readonly pointer: string };

/**
 * A document the mock cannot serve. The message is one line a person acts on, naming the file and
 * where in it: `spec/x.yaml:12:3: ...` (a syntax error) or `spec/x.yaml: #/paths/...: ...`.
 */
export class SpecError extends Error {
  constructor(
    /** The file as it was named (on the command line, in the environment); undefined for an object. */
    readonly file: string | undefined,
    reason: string,
    readonly location?: SpecErrorLocation,
  ) {
    const oneLine = reason.replace(/\s*\n\s*/g, ' ').trim();
    const name = file ?? 'OpenAPI document';
    const where =
      location === undefined
        ? `${name}:`
        : 'pointer' in location
          ? `${name}: ${location.pointer}:`
          : `${name}:${location.line}:${location.column}:`;
    super(`${where} ${oneLine}`);
    this.name = 'SpecError';
  }
}
