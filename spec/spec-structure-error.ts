/** A mistake in the document, with the JSON pointer of the node it is in. */
export class SpecStructureError extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(`${pointer}: ${message}`);
    this.name = 'SpecStructureError';
  }
}
