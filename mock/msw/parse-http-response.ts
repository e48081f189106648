/** An HTTP/1.1 answer as it came off the connection. */
export interface ParsedResponse {
  readonly status: number;
  readonly statusText: string;
  /** In the order received; a name may repeat (Set-Cookie). */
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Reads the answer Node's HTTP server wrote for one request on a connection that then closed:
 * skips interim (1xx) answers, and takes the body by `Transfer-Encoding: chunked`, by
 * `Content-Length`, or up to the end of the connection, as RFC 9112 section 6.3 orders them.
 * Undefined when no complete status line and headers arrived (the connection was closed without an
 * answer: what a client sees as a network error).
 */
export function parseHttpResponse(bytes: Buffer, method: string): ParsedResponse | undefined {
  let offset = 0;
  for (let interim = 0; interim < 10; interim++) {
    const end = bytes.indexOf(HEAD_END, offset);
    if (end === -1) return undefined;
    const [statusLine = '', ...lines] = bytes.toString('latin1', offset, end).split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
    if (!status) return undefined;
    const code = Number(status[1]);
    offset = end + HEAD_END.length;
    if (code >= 100 && code < 200) continue;
    const headers = lines.flatMap((line): [string, string][] => {
      const colon = line.indexOf(':');
      return colon > 0 ? [[line.slice(0, colon).trim(), line.slice(colon + 1).trim()]] : [];
    });
    const rest = bytes.subarray(offset);
    return {
      status: code,
      statusText: status[2] ?? '',
      headers,
      body: bodyOf(rest, headers, code, method),
    };
  }
  return undefined;
}

function bodyOf(
  rest: Buffer,
  headers: readonly (readonly [string, string])[],
  status: number,
  method: string,
): Buffer {
  if (method === 'HEAD' || status === 204 || status === 304) return Buffer.alloc(0);
  const header = (name: string): string | undefined =>
    headers.find(([key]) => key.toLowerCase() === name)?.[1];
  if (/(?:^|,)\s*chunked\s*$/i.test(header('transfer-encoding') ?? '')) return dechunk(rest);
  const length = header('content-length');
  if (length !== undefined && /^\d+$/.test(length)) return rest.subarray(0, Number(length));
  return rest;
}

/** Joins the chunks of a chunked body; a body cut off mid-chunk keeps what arrived. */
function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) break;
    const size = parseInt(data.toString('latin1', offset, lineEnd).split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size === 0) break;
    const start = lineEnd + 2;
    parts.push(data.subarray(start, Math.min(start + size, data.length)));
    offset = start + size + 2;
  }
  return Buffer.concat(parts);
}
