import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { decide, type RequestContext } from './context';
import type { OriginPolicy } from './cors';
import { problem } from './problems';
import { sendProblem } from './responses';

/** Methods that change nothing: a browser sends them cross-origin freely, and they are answered. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The routes whose other methods change the mock's state: the admin API and the enrollment page's
 * completion. (The API under test is the frontend's own, answered as the real one would be.)
 */
export function changesState(method: string, path: string): boolean {
  if (SAFE_METHODS.has(method)) return false;
  const lower = path.toLowerCase();
  return lower === '/__admin' || lower.startsWith('/__admin/') || lower.startsWith('/enrollment/');
}

export const ORIGIN_REFUSED = 'origin:cross-site';

/**
 * Cross-origin writes are refused: a page on another site can make a browser POST a form or a
 * `text/plain` body without any preflight (`POST /__admin/reset` was one such request). A request
 * that changes state and carries an `Origin` (or, without one, a `Referer`) that is neither the
 * mock's own origin nor one the CORS policy allows gets 403 problem details, before anything acts.
 * A request with neither header is not a browser's (curl, a test, a backend) and passes.
 */
export function createOriginCheck(options: { allowOrigin: OriginPolicy; publicUrl?: string }) {
  const publicOrigin = options.publicUrl === undefined ? undefined : new URL(options.publicUrl).origin;
  return (req: IncomingMessage, res: ServerResponse, context: RequestContext): boolean => {
    if (!changesState(req.method ?? '', context.path)) return true;
    const origin = originOf(req);
    if (origin === undefined) return true;
    if (
      origin !== 'null' &&
      (origin === ownOrigin(req) || origin === publicOrigin || options.allowOrigin(origin))
    )
      return true;
    decide(res, context, ORIGIN_REFUSED);
    sendProblem(
      res,
      problem('cross-origin-write', {
        detail: `A page on ${JSON.stringify(origin.slice(0, 200))} may not change the mock's state. Start the mock with --cors-origin naming that origin to allow it (or, behind a proxy that terminates TLS, with --public-url naming the address browsers use).`,
      }),
    );
    return false;
  };
}

/** The `Origin` header, else the origin of the `Referer`; undefined when the request carries neither. */
function originOf(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) return origin.trim().toLowerCase();
  const referer = req.headers.referer;
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin.toLowerCase();
  } catch {
    return 'null';
  }
}

/** The origin the client reached the mock at: its scheme and the Host header. */
function ownOrigin(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (host === undefined) return undefined;
  const scheme = (req.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http';
  return `${scheme}://${host.trim().toLowerCase()}`;
}
