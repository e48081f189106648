import { Router, type Request, type Response } from 'express';
import { contextOf } from '../http/context';
import { selectEntries } from '../state/journal';
import { jsonBody } from '../http/json-body';
import { integerParameter, oneParameter } from './params';
import { HttpProblem } from '../http/problems';
import { SESSION_COOKIE, validSession } from '../http/session';
import { methodNotAllowed, sendJson } from '../http/responses';
import type { EngineState } from '../state/engine-state';

const DEFAULT_LIMIT = 100;

/** `/__admin/requests` (the journal) and `/__admin/session` (pinning a browser to a session). */
export function journalRoutes(store: EngineState): Router {
  const router = Router({ caseSensitive: true, strict: true });

  router
    .route('/requests')
    .get(async (_req, res) => {
      const { session, query } = contextOf(res);
      const limit = integerParameter(query, 'limit', 1, 10_000) ?? DEFAULT_LIMIT;
      const status = integerParameter(query, 'status', 100, 599);
      const userId = oneParameter(query, 'userId');
      const operation = oneParameter(query, 'operation');
      sendJson(res, 200, {
        requests: selectEntries(await store.listRequests(session), { limit, status, userId, operation }),
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
      const wanted = oneParameter(contextOf(res).query, 'pin');
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
