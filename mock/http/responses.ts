import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { contextOf } from './context';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problem, statusProblem, type Problem } from './problems';
import { StoreUnavailable } from '../state/store-unavailable';

type Headers = Readonly<Record<string, string>>;

/** Writes a complete answer in one go (plain node:http, so the hot path needs no framework). */
export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Headers = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/** Sends a problem, completing it with the request's path (`instance`) and id (`traceId`). */
export function sendProblem(res: ServerResponse, body: Problem, headers: Headers = {}): void {
  const context = contextOf(res);
  send(
    res,
    body.status,
    PROBLEM_CONTENT_TYPE,
    JSON.stringify({ ...body, instance: body.instance ?? context.path, traceId: context.id }),
    headers,
  );
}

/** For a route's path: OPTIONS lists the methods; any other method not routed gets 405 with `Allow`. */
export function methodNotAllowed(...methods: string[]) {
  const allowed = methods.includes('GET') ? [...methods, 'HEAD', 'OPTIONS'] : [...methods, 'OPTIONS'];
  return (req: Request, res: Response): void => {
    answerMethodNotAllowed(req, res, allowed);
  };
}

/** A path that exists with other methods: OPTIONS gets the list (204), any other method a 405 with `Allow`. */
export function answerMethodNotAllowed(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: readonly string[],
): void {
  const allow = allowed.join(', ');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { Allow: allow }).end();
    return;
  }
  const detail = `${req.method ?? ''} is not allowed on ${contextOf(res).path}. Allowed: ${allow}.`;
  sendProblem(res, problem('method-not-allowed', { detail }), { Allow: allow });
}

export function routeNotFound(req: Request, res: Response): void {
  sendProblem(
    res,
    problem('route-not-found', { detail: `No route matches ${req.method} ${contextOf(res).path}.` }),
  );
}

/** Errors raised by body-parser (and other http-errors users), by their `type`. */
const BODY_ERRORS: Readonly<
  Record<string, 'invalid-json-body' | 'payload-too-large' | 'unsupported-media-type'>
> = {
  'entity.parse.failed': 'invalid-json-body',
  'entity.too.large': 'payload-too-large',
  'encoding.unsupported': 'unsupported-media-type',
  'charset.unsupported': 'unsupported-media-type',
};

/**
 * Turns any error into a problem: known client errors keep their status; anything else is a 500
 * whose details go to the log, never to the client.
 */
export function answerError(
  error: unknown,
  res: ServerResponse,
  onUnexpected: (error: unknown) => void,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpProblem) {
    sendProblem(res, error.body, error.headers);
    return;
  }
  if (error instanceof StoreUnavailable) {
    // Not the mock's bug and not for ever: the client may retry once the store is back.
    const detail = `${error.message}. Nothing was changed; retry in a moment.`;
    sendProblem(res, problem('store-unavailable', { detail }), {
      'Retry-After': String(error.retryAfterSeconds),
    });
    return;
  }
  const { type, status, message } = (error ?? {}) as { type?: unknown; status?: unknown; message?: unknown };
  const bodyError = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (bodyError) {
    sendProblem(res, problem(bodyError, { detail: typeof message === 'string' ? message : bodyError }));
    return;
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    sendProblem(
      res,
      statusProblem(status, { detail: typeof message === 'string' ? message : 'The request was rejected.' }),
    );
    return;
  }
  onUnexpected(error);
  sendProblem(
    res,
    problem('internal-error', { detail: 'The mock failed unexpectedly; its log has the details.' }),
  );
}

/** The last Express middleware. */
export function errorHandler(onUnexpected: (error: unknown, res: Response) => void) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    answerError(error, res, (e) => {
      onUnexpected(e, res);
    });
  };
}
