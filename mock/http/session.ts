import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { cookieValue } from './cookies';
import { attachContext, decide, originForm, type RequestContext } from './context';
import { problem } from './problems';
import { sendProblem } from './responses';

/** The session a request without X-Mock-Session acts on. */
export const DEFAULT_SESSION = 'default';

export const SESSION_HEADER = 'X-Mock-Session';
/** The cookie a browser is pinned to a session with (`POST /__admin/session`). */
export const SESSION_COOKIE = 'nexus-mock-session';
const MAX_SESSION_LENGTH = 200;

export function validSession(name: string): boolean {
  return name.length > 0 && name.length <= MAX_SESSION_LENGTH;
}

/** Called once per request, when its response has been sent or its connection has closed. */
export type FinishListener = (
  req: IncomingMessage,
  res: ServerResponse,
  context: RequestContext,
  durationMs: number,
) => void;

/**
 * Starts a request: gives it an id, its session, its path and parsed query, and tells the listener
 * (the log, the journal) when it is over. Answers 400 and returns undefined for an unusable session.
 */
export function createContextFactory(onFinish: FinishListener) {
  let counter = 0;
  return (req: IncomingMessage, res: ServerResponse): RequestContext | undefined => {
    const url = originForm(req.url);
    const mark = url.indexOf('?');
    const query = mark === -1 ? {} : (parseQuery(url.slice(mark + 1)) as Record<string, unknown>);
    const session = sessionOf(req, query);
    const context: RequestContext = {
      id: `req-${(++counter).toString(36)}`,
      session: session ?? DEFAULT_SESSION,
      startedAt: process.hrtime.bigint(),
      url,
      path: mark === -1 ? url : url.slice(0, mark),
      query,
    };
    attachContext(res, context);
    res.once('close', () => {
      onFinish(req, res, context, Number(process.hrtime.bigint() - context.startedAt) / 1e6);
    });
    if (session !== undefined) return context;
    const detail = `The session (${SESSION_HEADER} header or session query parameter) is longer than ${MAX_SESSION_LENGTH} characters.`;
    decide(res, context, 'session:invalid');
    sendProblem(res, problem('invalid-session', { detail }));
    return undefined;
  };
}

/**
 * The session a request acts on: the `X-Mock-Session` header, else the `session` query parameter,
 * else the session cookie, else `default`. Undefined when the name given is unusable.
 */
function sessionOf(req: IncomingMessage, query: Record<string, unknown>): string | undefined {
  const header: unknown = req.headers['x-mock-session'];
  const named: unknown = header ?? query.session ?? cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (named === undefined) return DEFAULT_SESSION;
  const value: unknown = Array.isArray(named) ? (named as unknown[])[0] : named;
  if (value === '') return DEFAULT_SESSION;
  return typeof value === 'string' && validSession(value) ? value : undefined;
}
