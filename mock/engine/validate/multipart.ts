/**
 * Reads a `multipart/form-data` body (RFC 7578 on RFC 2046 section 5.1) into its parts, so that a
 * request's form can be validated part by part. Small and strict on purpose: the body is already
 * in memory (1 MiB at most), and anything that is not well-formed multipart is a reason to give
 * the client, never an exception.
 */
export interface MultipartPart {
  readonly name: string;
  /** Given for a file (`filename` or `filename*` in its Content-Disposition). */
  readonly filename: string | undefined;
  /** The part's own Content-Type, as sent; undefined when it has none (text/plain, RFC 7578 4.4). */
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

export type MultipartReading =
  | { readonly ok: true; readonly parts: readonly MultipartPart[] }
  | { readonly ok: false; readonly reason: string };

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
/** RFC 2046 `bcharsnospace` plus space (not last), 1 to 70 characters. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The parts of `body`, delimited by `boundary` (the Content-Type's parameter). */
export function parseMultipart(body: Buffer, boundary: string | undefined): MultipartReading {
  if (boundary === undefined) return fail('has no boundary parameter in its Content-Type');
  if (!BOUNDARY.test(boundary)) return fail('has a boundary that is not 1 to 70 allowed characters');
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.concat([CRLF, dash]);
  // The first boundary may open the body (no preamble) or follow a preamble and a line break.
  const opens = body.subarray(0, dash.length).equals(dash);
  const first = opens ? 0 : body.indexOf(delimiter);
  if (first < 0) return fail(`does not contain its boundary "${boundary}"`);
  let at = first + (opens ? dash.length : delimiter.length);
  const parts: MultipartPart[] = [];
  for (;;) {
    if (body.subarray(at, at + 2).toString('latin1') === '--') return { ok: true, parts };
    // Transport padding (spaces and tabs) may follow a boundary before its line break.
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (!body.subarray(at, at + 2).equals(CRLF)) return fail('has a boundary not followed by a line break');
    at += 2;
    const next = body.indexOf(delimiter, at);
    if (next < 0) return fail('ends before its closing boundary');
    const part = readPart(body.subarray(at, next), parts.length + 1);
    if (!part.ok) return part;
    parts.push(part.part);
    at = next + delimiter.length;
  }
}

function readPart(
  raw: Buffer,
  number: number,
): { ok: true; part: MultipartPart } | { ok: false; reason: string } {
  // A part with no headers starts with its blank line.
  const headed = raw.subarray(0, 2).equals(CRLF) ? -2 : raw.indexOf(HEADERS_END);
  if (headed === -1) return fail(`part ${number} has no blank line after its headers`);
  const headers = new Map<string, string>();
  const head = headed < 0 ? '' : raw.subarray(0, headed).toString('utf8');
  for (const line of head === '' ? [] : head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return fail(`part ${number} has a header line that is not "Name: value"`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition');
  if (disposition === undefined) return fail(`part ${number} has no Content-Disposition`);
  const [kind, ...parameters] = splitParameters(disposition);
  if (kind.toLowerCase() !== 'form-data') return fail(`part ${number} is not form-data`);
  const named = new Map(parameters);
  const name = named.get('name');
  if (name === undefined) return fail(`part ${number} has no name`);
  return {
    ok: true,
    part: {
      name,
      filename: named.get('filename') ?? named.get('filename*'),
      contentType: headers.get('content-type'),
      data: raw.subarray(headed + HEADERS_END.length),
    },
  };
}

/** `form-data; name="a;b"; filename=x` → ['form-data', ['name', 'a;b'], ['filename', 'x']] */
function splitParameters(value: string): [string, ...[string, string][]] {
  const [kind = '', ...rest] = value.split(';');
  const parameters: [string, string][] = [];
  // Re-split the parameters honouring quoted strings, which may hold `;` and escaped quotes.
  const text = rest.join(';');
  const parameter = /\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*(?:;|$)/gy;
  for (let match = parameter.exec(text); match; match = parameter.exec(text)) {
    const [, key = '', quoted, bare] = match;
    parameters.push([
      key.toLowerCase(),
      quoted === undefined ? (bare ?? '').trim() : quoted.replace(/\\(.)/g, '$1'),
    ]);
    if (parameter.lastIndex >= text.length) break;
  }
  return [kind.trim(), ...parameters];
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason: `is not valid multipart/form-data: it ${reason}` };
}
