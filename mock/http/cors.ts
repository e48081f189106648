import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem } from './problems';
import { sendProblem } from './responses';

/** Who may call the mock from a browser: a predicate over the `Origin` header. */
export type OriginPolicy = (origin: string) => boolean;

const LOOPBACK_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;

/**
 * `undefined` (the default): pages served from localhost or 127.0.0.1 on any port, which is where
 * frontend dev servers run. `*`: any origin. Otherwise a comma-separated list of exact origins.
 */
export function originPolicy(setting: string | undefined): OriginPolicy {
  if (setting === undefined || setting.trim() === '') return (origin) => LOOPBACK_ORIGIN.test(origin);
  const origins = setting.split(',').map((o) => o.trim().replace(/\/$/, ''));
  if (origins.includes('*')) return () => true;
  return (origin) => origins.includes(origin);
}

export interface CorsOptions {
  readonly allowOrigin: OriginPolicy;
  /** Methods a browser may use: the document's and the admin API's. */
  readonly allowMethods: readonly string[];
  /** Request headers a browser may send: the spec's credential headers, Prefer, X-Mock-Session ... */
  readonly allowHeaders: readonly string[];
  /** Response headers a page may read. */
  readonly exposeHeaders: readonly string[];
}

/**
 * CORS for browser clients. Origins are echoed, never `*`, so cookies (the session cookie) work;
 * a preflight from an origin the policy refuses gets a 403 problem that says so. Returns whether
 * the request still needs an answer (false: the preflight was answered here).
 */
export function createCors(options: CorsOptions) {
  const allowHeaders = options.allowHeaders.join(', ');
  const allowMethods = options.allowMethods.join(', ');
  const exposeHeaders = options.exposeHeaders.join(', ');
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!options.allowOrigin(origin)) {
      if (!preflight) return true;
      const detail = `The origin ${origin} is not allowed; start the mock with --cors-origin to allow it.`;
      sendProblem(res, problem('cors-origin-denied', { detail }));
      return false;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (!preflight) {
      res.setHeader('Access-Control-Expose-Headers', exposeHeaders);
      return true;
    }
    res
      .writeHead(204, {
        'Access-Control-Allow-Methods': allowMethods,
        'Access-Control-Allow-Headers': allowHeaders,
        'Access-Control-Max-Age': '600',
      })
      .end();
    return false;
  };
}
