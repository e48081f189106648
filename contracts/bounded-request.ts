import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/**
 * One HTTP request whose cost the deployment cannot choose: one deadline covers connecting, the
 * response headers and the whole body; the body is counted after decompression and decompression
 * stops at the same cap, so a gzip bomb, an endless stream or a body sent a byte at a time ends
 * as a `Breach` naming the limit, within the deadline and in bounded memory. Redirects are never
 * followed (a credential must not reach another origin).
 */
export interface Limits {
  /** NEXUS_REQUEST_TIMEOUT_MS: connect + headers + whole body. */
  readonly timeoutMs: number;
  /** NEXUS_MAX_BODY_BYTES: the most bytes of a body, after decompression. */
  readonly maxBodyBytes: number;
  /** Ends the request at once (the run's deadline, a signal). */
  readonly signal?: AbortSignal;
}

export interface RawRequest {
  readonly method: string;
  /** Path and query, appended to the base URL's path as written. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** A limit the deployment broke: the request is over, and is never retried. */
export class Breach extends Error {
  override name = 'Breach';
  constructor(
    message: string,
    /** `time` (a deadline) or `size` (the body cap): only deadlines count towards giving up on a target. */
    readonly kind: 'time' | 'size' | 'aborted',
  ) {
    super(message);
  }
}

/** `10 s`, `250 ms`, `10 MB`: limits as messages name them. */
export function seconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export function megabytes(bytes: number): string {
  return bytes >= 1 << 20 && bytes % (1 << 20) === 0 ? `${bytes / (1 << 20)} MB` : `${bytes} bytes`;
}

const HTTP_AGENT = new http.Agent({ keepAlive: false });
const HTTPS_AGENT = new https.Agent({ keepAlive: false });

type Stage = 'connect' | 'headers' | 'body';

export function boundedRequest(url: string, request: RawRequest, limits: Limits): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let stage: Stage = 'connect';
    let received = 0;
    let settled = false;
    const chunks: Buffer[] = [];
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const finish = (error: Error | undefined, response?: RawResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else if (response) resolve(response);
    };
    const timer = setTimeout(() => {
      const what =
        stage === 'connect'
          ? 'no connection'
          : stage === 'headers'
            ? 'no response headers'
            : `the body did not end (${received} bytes received)`;
      finish(new Breach(`${what} within ${seconds(limits.timeoutMs)} (NEXUS_REQUEST_TIMEOUT_MS)`, 'time'));
    }, limits.timeoutMs);
    const onAbort = (): void => {
      const reason: unknown = limits.signal?.reason;
      finish(new Breach(reason instanceof Error ? reason.message : 'the run was stopped', 'aborted'));
    };
    // The path exactly as the suite wrote it (percent-encodings that are not UTF-8 included).
    const req = transport.request({
      // A connection per request: a deployment that closes an idle one cannot fail the next request.
      agent: target.protocol === 'https:' ? HTTPS_AGENT : HTTP_AGENT,
      protocol: target.protocol,
      hostname: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port,
      method: request.method,
      path: `${target.pathname.replace(/\/$/, '')}${request.path}`,
      headers: { 'Accept-Encoding': 'gzip, deflate, br', ...request.headers },
    });
    if (limits.signal?.aborted) {
      onAbort();
      return;
    }
    limits.signal?.addEventListener('abort', onAbort);
    req.on('socket', (socket) => {
      if (!socket.connecting) stage = 'headers';
      else socket.once('connect', () => (stage = 'headers'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      finish(new Error(`the connection failed (${error.code ?? error.message})`));
    });
    req.on('response', (res) => {
      stage = 'body';
      const bodiless =
        request.method.toUpperCase() === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
      const body = bodiless ? res : decoded(res);
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBodyBytes) {
          finish(
            new Breach(
              `the body is larger than ${megabytes(limits.maxBodyBytes)} (NEXUS_MAX_BODY_BYTES)`,
              'size',
            ),
          );
          res.destroy();
          body.destroy();
          return;
        }
        chunks.push(chunk);
      });
      body.on('error', (error: NodeJS.ErrnoException) => {
        finish(new Error(`the body could not be read (${error.code ?? error.message})`));
      });
      res.on('aborted', () => {
        finish(new Error('the connection closed before the body ended'));
      });
      res.on('error', (error: NodeJS.ErrnoException) => {
        finish(new Error(`the body could not be read (${error.code ?? error.message})`));
      });
      body.on('end', () => {
        if (!res.complete) {
          finish(new Error('the connection closed before the body ended'));
          return;
        }
        finish(undefined, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.end(request.body);
  });
}

/** The body as the deployment meant it: gzip, deflate and br undone as they stream. */
function decoded(res: http.IncomingMessage): NodeJS.ReadableStream & { destroy(): void } {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return res;
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}
