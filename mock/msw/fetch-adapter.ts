import http, { type RequestListener } from 'node:http';
import { ConnectionEnd } from './in-memory-connection';
import { parseHttpResponse, type ParsedResponse } from './parse-http-response';

/** What a fetch-speaking runtime (an MSW handler, a service worker) calls: a `Request` in, a `Response` out. */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface FetchAdapterOptions {
  /** A prefix the mock does not serve under (the path of the base URL): removed before the mock sees the path. */
  readonly pathPrefix?: string;
}

/** Headers that describe one connection, not the message: the adapter sets its own. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Runs a node:http request listener (`createApp()`) for fetch `Request`s, without a socket: each
 * request is written as HTTP/1.1 into an in-memory connection handed to a Node HTTP server that never
 * listens, and its answer is read back as a `Response`. Node's own parser and `ServerResponse` do the
 * work, so the mock behaves exactly as it does on a port (Express, the engine, faults); a connection
 * the mock resets or closes without answering becomes a network error (`Response.error()`), as fetch
 * reports it. Node-only: a browser needs the engine itself to speak `Request`/`Response` (see README).
 */
export function toFetchHandler(listener: RequestListener, options: FetchAdapterOptions = {}): FetchHandler {
  const server = http.createServer(listener);
  const prefix = options.pathPrefix ?? '';
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const target = `${path.startsWith('/') ? path : `/${path}`}${url.search}`;
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const [client, connection] = ConnectionEnd.pair(
      Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    );
    const answer = readUntilClosed(client, request.signal);
    server.emit('connection', connection);
    client.write(serializeRequest(request, url.host, target, body));
    const parsed = parseHttpResponse(await answer, request.method);
    client.destroy();
    return parsed ? toResponse(parsed, request.method) : Response.error();
  };
}

function serializeRequest(request: Request, host: string, target: string, body: Buffer | undefined): Buffer {
  const lines = [`${request.method} ${target} HTTP/1.1`, `Host: ${host}`];
  request.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) lines.push(`${name}: ${value}`);
  });
  if (body !== undefined) lines.push(`Content-Length: ${body.length}`);
  else if (['POST', 'PUT', 'PATCH'].includes(request.method)) lines.push('Content-Length: 0');
  // One request per connection: the server closes it after the answer, which tells the reader it is whole.
  lines.push('Connection: close', '', '');
  const head = Buffer.from(lines.join('\r\n'), 'utf8');
  return body === undefined ? head : Buffer.concat([head, body]);
}

/** Everything the server writes until it closes the connection (or resets it, or the caller aborts). */
function readUntilClosed(client: ConnectionEnd, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', abort);
      resolve(Buffer.concat(chunks));
    };
    const abort = (): void => {
      chunks.length = 0;
      client.destroy();
      done();
    };
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.once('end', done);
    // A reset: whatever arrived before it is not an answer a client would read.
    client.once('error', () => {
      chunks.length = 0;
      done();
    });
  });
}

function toResponse(parsed: ParsedResponse, method: string): Response {
  if (parsed.status < 200 || parsed.status > 599) return Response.error();
  const headers = new Headers();
  for (const [name, value] of parsed.headers) {
    const lower = name.toLowerCase();
    if (lower !== 'connection' && lower !== 'keep-alive' && lower !== 'transfer-encoding')
      headers.append(name, value);
  }
  const empty = method === 'HEAD' || NULL_BODY_STATUSES.has(parsed.status);
  return new Response(empty ? null : parsed.body, {
    status: parsed.status,
    statusText: parsed.statusText,
    headers,
  });
}
