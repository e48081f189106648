/**
 * Text out of a request's bytes in a named charset, refusing what is not valid in it rather than
 * replacing it (a body's bad bytes are the client's to hear about, not to be silently changed).
 */
export function decode(bytes: Buffer, charset: string): string | undefined {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Whether the mock can decode `charset` at all (a 415 otherwise, not a 400). */
export function isSupported(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}
