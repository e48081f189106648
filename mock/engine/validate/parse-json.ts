export type JsonParse =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/**
 * Parses JSON, saying why not in a few words: `unexpected end of input`,
 * `expected ':' after property name at position 5`. V8's messages quote the text around a bad
 * token (`"abc" is not valid JSON`); those are not repeated, so a request's content never reaches a
 * problem's `detail` or the journal.
 */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: reasonOf(error instanceof Error ? error.message : '') };
  }
}

function reasonOf(message: string): string {
  if (message.includes('is not valid JSON')) {
    return message.startsWith('Unexpected token') ? 'unexpected token' : 'malformed';
  }
  // Quotes (`"`) are where V8 repeats the text; the positioned messages name only the expected token.
  const positioned = /^([^"]+?)(?: in JSON)? at position (\d+)/.exec(message);
  if (positioned?.[1] !== undefined && positioned[2] !== undefined) {
    return `${positioned[1].charAt(0).toLowerCase()}${positioned[1].slice(1)} at position ${positioned[2]}`;
  }
  if (message.startsWith('Unexpected end')) return 'unexpected end of input';
  return 'malformed';
}
