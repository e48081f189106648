import { Router, type Request, type Response } from 'express';
import { contextOf } from './context';
import { selectEntries } from './journal';
import { jsonBody } from './json-body';
import { HttpProblem } from './problems';
import { SESSION_COOKIE, validSession } from './request-context';
import { methodNotAllowed, sendJson } from './responses';
import type { Store } from './store';

const DEFAULT_LIMIT = 100;

/** `/__admin/requests` (the journal) and `/__admin/session` (pinning a browser to a session). */
export function journalRoutes(store: Store): Router {
  const router = Router({ caseSensitive: true, strict: true });

  router
    .route('/requests')
    .get(async (_req, res) => {
      const { session, query } = contextOf(res);
      const limit = integerFilter(query.limit, 'limit', 1, 10_000) ?? DEFAULT_LIMIT;
      const status = integerFilter(query.status, 'status', 100, 599);
      const userId = stringFilter(query.userId, 'userId');
      sendJson(res, 200, {
        requests: selectEntries(await store.listRequests(session), { limit, status, userId }),
      });
    })
    .all(methodNotAllowed('GET'));

  const pin = (res: Response, session: string): void => {
    res.cookie(SESSION_COOKIE, session, { path: '/', sameSite: 'lax', httpOnly: true });
    sendJson(res, 200, { session, pinned: true });
  };

  router
    .route('/session')
    .get((req: Request, res: Response) => {
      // `GET /__admin/session?pin=NAME` pins from a browser's address bar.
      const wanted = stringFilter(contextOf(res).query.pin, 'pin');
      if (wanted !== undefined) {
        pin(res, checkedSession(wanted));
        return;
      }
      sendJson(res, 200, {
        session: contextOf(res).session,
        pinned: req.headers.cookie?.includes(`${SESSION_COOKIE}=`) === true,
      });
    })
    .post(jsonBody(), (req: Request, res: Response) => {
      const fromBody = (req.body as { session?: unknown } | undefined)?.session;
      const wanted = fromBody ?? contextOf(res).query.session;
      if (typeof wanted !== 'string')
        throw HttpProblem.of('invalid-admin-request', 'Send {"session": "name"} or ?session=name.');
      pin(res, checkedSession(wanted));
    })
    .delete((_req, res) => {
      res.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).end();
    })
    .all(methodNotAllowed('GET', 'POST', 'DELETE'));

  return router;
}

function checkedSession(name: string): string {
  if (!validSession(name)) throw HttpProblem.of('invalid-session', 'A session name is 1 to 200 characters.');
  return name;
}

function stringFilter(value: unknown, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw HttpProblem.of('invalid-admin-request', `The ${name} parameter must be given once.`);
}

function integerFilter(value: unknown, name: string, min: number, max: number): number | undefined {
  const text = stringFilter(value, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw HttpProblem.of(
      'invalid-admin-request',
      `The ${name} parameter must be a whole number from ${min} to ${max}.`,
    );
  }
  return Number(text);
}
