import type { NextFunction, Request, Response } from 'express';
import type { RequestContext } from './context';
import { problem } from './problems';
import { sendProblem } from './responses';

export const SESSION_HEADER = 'X-Mock-Session';
/** The cookie a browser is pinned to a session with (`POST /__admin/session`). */
export const SESSION_COOKIE = 'nexus-mock-session';
export const DEFAULT_SESSION = 'default';
const MAX_SESSION_LENGTH = 200;

export function validSession(name: string): boolean {
  return name.length > 0 && name.length <= MAX_SESSION_LENGTH;
}

/** Called once per request, when its response has been sent or its connection has closed. */
export type FinishListener = (
  req: Request,
  res: Response,
  context: RequestContext,
  durationMs: number,
) => void;

/**
 * The first middleware: gives the request its id, its session and a parsed query, and tells each
 * listener (the log, the journal) when the request is over.
 */
export function requestContext(listeners: readonly FinishListener[]) {
  let counter = 0;
  return (req: Request, res: Response, next: NextFunction): void => {
    const query = req.query as Record<string, unknown>;
    const session = sessionOf(req, query);
    const context: RequestContext = {
      id: `req-${(++counter).toString(36)}`,
      session: session ?? DEFAULT_SESSION,
      startedAt: process.hrtime.bigint(),
      query,
    };
    res.locals.nexus = context;
    res.once('close', () => {
      const durationMs = Number(process.hrtime.bigint() - context.startedAt) / 1e6;
      for (const listener of listeners) listener(req, res, context, durationMs);
    });
    if (session === undefined) {
      const detail = `The session (${SESSION_HEADER} header or session query parameter) is longer than ${MAX_SESSION_LENGTH} characters.`;
      sendProblem(req, res, problem('invalid-session', { detail }));
      return;
    }
    next();
  };
}

/**
 * The session a request acts on: the `X-Mock-Session` header, else the `session` query parameter,
 * else the session cookie, else `default`. Undefined when the name given is unusable.
 */
function sessionOf(req: Request, query: Record<string, unknown>): string | undefined {
  const header: unknown = req.headers[SESSION_HEADER.toLowerCase()];
  const named: unknown = header ?? query.session ?? cookie(req.headers.cookie, SESSION_COOKIE);
  if (named === undefined) return DEFAULT_SESSION;
  const value: unknown = Array.isArray(named) ? (named as unknown[])[0] : named;
  if (value === '') return DEFAULT_SESSION;
  return typeof value === 'string' && validSession(value) ? value : undefined;
}

function cookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.split('=');
    if (key?.trim() !== name) continue;
    try {
      return decodeURIComponent(value.join('=').trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
