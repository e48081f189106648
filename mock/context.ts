import type { Request, Response } from 'express';

/** What the mock knows about one request while it handles it; kept in `res.locals.nexus`. */
export interface RequestContext {
  /** Unique within the process: echoed as `traceId` in problems and as the journal entry id. */
  readonly id: string;
  /** The state partition the request acts on (`X-Mock-Session`, default `default`). */
  readonly session: string;
  /** `process.hrtime.bigint()` when the request arrived. */
  readonly startedAt: bigint;
  /** The parsed query, read once (Express 5 parses `req.query` again on every access). */
  readonly query: Readonly<Record<string, unknown>>;
  /** The user the credentials named, once known. Never a secret: a JWT gives its `sub`. */
  userId?: string;
  /** Why the response is what it is, as sent in `X-Mock-Decision`. */
  decision?: string;
  /** The scenario that acted on the request, if one did. */
  scenario?: string;
}

declare global {
  // Express's own extension point for typed `res.locals`.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      nexus: RequestContext;
    }
  }
}

export function contextOf(res: Response): RequestContext {
  return res.locals.nexus;
}

/** The request's path without its query, as problems give it in `instance`. */
export function pathOf(req: Request): string {
  const url = req.originalUrl;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
