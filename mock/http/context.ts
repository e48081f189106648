import type { ServerResponse } from 'node:http';

/** What the mock knows about one request while it handles it. */
export interface RequestContext {
  /** Unique within the process: echoed as `traceId` in problems and as the journal entry id. */
  readonly id: string;
  /** The state partition the request acts on (`X-Mock-Session`, default `default`). */
  readonly session: string;
  /** `process.hrtime.bigint()` when the request arrived. */
  readonly startedAt: bigint;
  /** The request target as it arrived (path and query). */
  readonly url: string;
  /** The request's path without its query, as problems give it in `instance`. */
  readonly path: string;
  /** The parsed query (`querystring.parse`: a repeated parameter is an array). */
  readonly query: Readonly<Record<string, unknown>>;
  /** The user the credentials named, once known. Never a secret: a JWT gives its `sub`. */
  userId?: string | undefined;
  /** The operation of the document the request was routed to, once known. */
  operationId?: string;
  /** Why the response is what it is, as sent in `X-Mock-Decision`. */
  decision?: string;
  /** The scenario that acted on the request, if one did. */
  scenario?: string;
  /**
   * What authentication took on trust, added to every decision once known: the OAuth 2 scopes the
   * operation asks for (not enforced), `mutualTLS:assumed`.
   */
  authNote?: string;
}

/** Says on every enrollment answer why the mock answered as it did. */
export const DECISION_HEADER = 'X-Mock-Decision';

/** Records why the answer is what it is, for the client (the header), the log and the journal. */
export function decide(res: ServerResponse, context: RequestContext, decision: string): void {
  context.decision = context.authNote === undefined ? decision : `${decision}; ${context.authNote}`;
  if (!res.headersSent) res.setHeader(DECISION_HEADER, context.decision);
}

/**
 * The request target in origin form (`/path?query`). RFC 9112 section 3.2.2 has servers accept the
 * absolute form (`http://host/path?query`) too. A fragment is never part of the target a server
 * acts on (RFC 9110 section 4.2.4): a client that sends one (`/path#frag`) gets the path's answer.
 */
export function originForm(target: string | undefined): string {
  if (target === undefined || target === '') return '/';
  const hash = target.indexOf('#');
  const bare = hash === -1 ? target : target.slice(0, hash);
  if (bare.startsWith('/')) return bare;
  try {
    const url = new URL(bare);
    return `${url.pathname}${url.search}`;
  } catch {
    return bare === '' ? '/' : bare;
  }
}

const CONTEXT = Symbol('nexus-mock.context');

type Carrier = ServerResponse & { [CONTEXT]?: RequestContext };

export function attachContext(res: ServerResponse, context: RequestContext): void {
  (res as Carrier)[CONTEXT] = context;
}

export function contextOf(res: ServerResponse): RequestContext {
  const context = (res as Carrier)[CONTEXT];
  if (!context) throw new Error('No request context: requestContext() must run first');
  return context;
}
