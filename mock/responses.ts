import type { NextFunction, Request, Response } from 'express';
import { contextOf, pathOf } from './context';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problem, statusProblem, type Problem } from './problems';

/** Sends a problem, completing it with the request's path (`instance`) and id (`traceId`). */
export function sendProblem(
  req: Request,
  res: Response,
  body: Problem,
  headers: Readonly<Record<string, string>> = {},
): void {
  const context = contextOf(res);
  res.status(body.status).set(headers).set('Content-Type', PROBLEM_CONTENT_TYPE);
  res.send(JSON.stringify({ ...body, instance: body.instance ?? pathOf(req), traceId: context.id }));
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

/** For a route's path: OPTIONS lists the methods; any other method not routed gets 405 with `Allow`. */
export function methodNotAllowed(...methods: string[]) {
  const allowed = methods.includes('GET') ? [...methods, 'HEAD', 'OPTIONS'] : [...methods, 'OPTIONS'];
  const allow = allowed.join(', ');
  return (req: Request, res: Response): void => {
    if (req.method === 'OPTIONS') {
      res.status(204).set('Allow', allow).end();
      return;
    }
    const detail = `${req.method} is not allowed on ${pathOf(req)}. Allowed: ${allow}.`;
    sendProblem(req, res, problem('method-not-allowed', { detail }), { Allow: allow });
  };
}

export function routeNotFound(req: Request, res: Response): void {
  sendProblem(
    req,
    res,
    problem('route-not-found', { detail: `No route matches ${req.method} ${pathOf(req)}.` }),
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
 * The last middleware: every error becomes a problem. Known client errors keep their status; anything
 * else is a 500 whose details go to the log, never to the client.
 */
export function errorHandler(onUnexpected: (error: unknown, req: Request) => void) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpProblem) {
      sendProblem(req, res, error.body, error.headers);
      return;
    }
    const { type, status, message } = (error ?? {}) as {
      type?: unknown;
      status?: unknown;
      message?: unknown;
    };
    const bodyError = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (bodyError) {
      sendProblem(
        req,
        res,
        problem(bodyError, { detail: typeof message === 'string' ? message : bodyError }),
      );
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendProblem(
        req,
        res,
        statusProblem(status, {
          detail: typeof message === 'string' ? message : 'The request was rejected.',
        }),
      );
      return;
    }
    onUnexpected(error, req);
    sendProblem(
      req,
      res,
      problem('internal-error', { detail: 'The mock failed unexpectedly; its log has the details.' }),
    );
  };
}
