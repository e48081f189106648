import type { IncomingMessage } from 'node:http';

export type BodyRead =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly reason: 'too-large' | 'aborted' };

/** The largest request body an operation of the document accepts (413 beyond). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Whether a request announces a body (RFC 9112 section 6.3): a Transfer-Encoding, or a Content-Length above 0. */
export function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const EMPTY = Buffer.alloc(0);
const NO_BODY: BodyRead = { ok: true, body: EMPTY };
const TOO_LARGE: BodyRead = { ok: false, reason: 'too-large' };

/**
 * Reads a request body into memory, up to `limit` bytes (synchronously when there is none). A body announced or found to be larger is
 * refused at once, without reading it: the caller answers 413, and the answer's connection closes
 * with a lingering close (see `lingeringClose`) so the client still reads it.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): BodyRead | Promise<BodyRead> {
  const announced = Number(req.headers['content-length'] ?? 0);
  if (announced > limit) return TOO_LARGE;
  // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 section 6.3):
  // most requests of an API like this one, answered at once, without waiting for an event.
  if (req.headers['transfer-encoding'] === undefined && announced === 0) return NO_BODY;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead): void => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        done({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      done({ ok: true, body: chunks.length === 1 ? (chunks[0] ?? EMPTY) : Buffer.concat(chunks, size) });
    };
    const onError = (): void => {
      done({ ok: false, reason: 'aborted' });
    };
    const onClose = (): void => {
      if (!req.complete) done({ ok: false, reason: 'aborted' });
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
