import { Router } from 'express';
import { methodNotAllowed, sendJson } from '../http/responses';
import type { EngineState } from '../state/engine-state';

/** `GET /__admin/sessions`: the names of the sessions the mock holds, sorted (the console's session picker). */
export function sessionRoutes(store: EngineState): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/sessions')
    .get(async (_req, res) => {
      const sessions = [...(await store.listSessions())].sort((a, b) => a.localeCompare(b));
      sendJson(res, 200, { sessions });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
