import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decide, type RequestContext } from './context';
import { problem } from './problems';
import { sendProblem } from './responses';

/**
 * The admin calls anyone may make without the token, the whole list. Health, so load balancers and
 * the contract suite can probe a shared mock; the QA console's page and its assets, because a
 * browser opening the page cannot send a bearer header (the page holds no state: it asks for the
 * token and sends it with each of its API calls). Everything else under /__admin needs the token,
 * the console's event stream (`/__admin/events`) included.
 */
export const TOKEN_EXEMPT: readonly {
  readonly methods: readonly string[];
  readonly path: string | RegExp;
}[] = [
  { methods: ['GET', 'HEAD'], path: '/__admin/health' },
  { methods: ['GET', 'HEAD'], path: '/__admin/console' },
  // An asset: no dot segments, no escaped dots, slashes or backslashes, so it cannot climb out.
  {
    methods: ['GET', 'HEAD'],
    path: /^\/__admin\/console\/(?!(?:.*\/)?\.\.?(?:\/|$))(?!.*%(?:2e|2f|5c))[^\\]*$/i,
  },
];

export const TOKEN_REFUSED = 'admin:unauthorized';

/** `/__admin` and everything under it, however a client spells it (case, percent-encoding, doubled slashes). */
export function isAdminPath(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Malformed escapes: judged as sent.
  }
  const normal = decoded.replace(/\/{2,}/g, '/').toLowerCase();
  return normal === '/__admin' || normal.startsWith('/__admin/');
}

const exempt = (method: string, path: string): boolean =>
  TOKEN_EXEMPT.some(
    (e) => e.methods.includes(method) && (typeof e.path === 'string' ? e.path === path : e.path.test(path)),
  );

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Whether a request carries the admin token (compared in constant time); every request does when
 * the mock has none. For what the token-free routes show only to its holder (the seed, in health).
 */
export function adminTokenHolder(token: string | undefined): (req: IncomingMessage) => boolean {
  if (token === undefined) return () => true;
  const expected = digest(token);
  return (req) => {
    const presented = /^\s*Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    return presented !== undefined && timingSafeEqual(digest(presented), expected);
  };
}

/**
 * `--admin-token`: every admin call but the exempt ones must carry `Authorization: Bearer TOKEN`,
 * else 401 problem details. Compared in constant time (digests of equal length), so the time an
 * answer takes says nothing about how much of a guess was right. Undefined without a token.
 */
export function createAdminTokenCheck(token: string | undefined) {
  if (token === undefined) return undefined;
  const holds = adminTokenHolder(token);
  return (req: IncomingMessage, res: ServerResponse, context: RequestContext): boolean => {
    if (!isAdminPath(context.path) || exempt(req.method ?? '', context.path)) return true;
    if (holds(req)) return true;
    const presented = /^\s*Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    decide(res, context, TOKEN_REFUSED);
    const detail =
      presented === undefined
        ? 'The admin API of this mock needs Authorization: Bearer <admin token> (--admin-token).'
        : 'The admin token is not the one this mock was started with.';
    sendProblem(res, problem('admin-token-required', { detail }), {
      'WWW-Authenticate': 'Bearer realm="nexus-mock admin"',
    });
    return false;
  };
}
