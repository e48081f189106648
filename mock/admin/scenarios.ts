import { Router, type Request, type Response } from 'express';
import type { Clock } from '../clock';
import { contextOf } from '../http/context';
import { jsonBody } from '../http/json-body';
import { HttpProblem, problem } from '../http/problems';
import { DEFAULT_SESSION, SESSION_HEADER } from '../http/session';
import { methodNotAllowed, sendJson, sendProblem } from '../http/responses';
import type { CatalogEntry } from './catalog';
import type { ScenarioDraft } from '../state/scenarios';
import type { DraftValidation } from './validate-scenario';
import type { EngineState } from '../state/engine-state';
import { ScenarioLimit } from '../state/store';

export interface ScenarioRoutesOptions {
  readonly store: EngineState;
  readonly clock: Clock;
  readonly validate: (body: unknown) => DraftValidation;
  readonly catalog: readonly CatalogEntry[];
  readonly baseUrl: (req: Request) => string;
}

/** `/__admin/scenarios`: what the next matching enrollment requests will get, per session. */
export function scenarioRoutes(options: ScenarioRoutesOptions): Router {
  const { store, clock } = options;
  const router = Router({ caseSensitive: true, strict: true });

  const add = async (req: Request, res: Response, draft: ScenarioDraft): Promise<void> => {
    try {
      sendJson(res, 201, await store.addScenario(contextOf(res).session, draft, clock.now()));
    } catch (error) {
      if (!(error instanceof ScenarioLimit)) throw error;
      sendProblem(
        res,
        problem('too-many-scenarios', { detail: `${error.message}; delete some or reset the session.` }),
      );
    }
  };

  router
    .route('/scenarios')
    .get(async (_req, res) => {
      sendJson(res, 200, { scenarios: await store.listScenarios(contextOf(res).session) });
    })
    .post(jsonBody(), async (req: Request, res: Response) => {
      const checked = options.validate(req.body);
      if (!checked.ok) {
        const detail = checked.errors.map((e) => `${e.field} ${e.message}`).join('; ');
        sendProblem(res, problem('invalid-scenario', { detail, extensions: { errors: checked.errors } }));
        return;
      }
      await add(req, res, checked.draft);
    })
    .all(methodNotAllowed('GET', 'POST'));

  router
    .route('/scenarios/catalog')
    .get((req, res) => {
      const { session } = contextOf(res);
      const base = options.baseUrl(req);
      const sessionFlag =
        session === DEFAULT_SESSION ? '' : ` -H '${SESSION_HEADER}: ${session.replace(/'/g, "'\\''")}'`;
      sendJson(res, 200, {
        catalog: options.catalog.map((entry) => ({
          ...entry,
          curl: `curl -X POST${sessionFlag} ${base}/__admin/scenarios/catalog/${entry.name}`,
        })),
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/scenarios/catalog/:name')
    .post(async (req: Request<{ name: string }>, res: Response) => {
      const entry = options.catalog.find((e) => e.name === req.params.name);
      if (!entry) {
        const names = options.catalog.map((e) => e.name).join(', ');
        throw HttpProblem.of(
          'scenario-not-found',
          `No catalogue scenario '${req.params.name}'. The catalogue has: ${names}.`,
        );
      }
      await add(req, res, entry.scenario);
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/scenarios/:id')
    .get(async (req: Request<{ id: string }>, res: Response) => {
      const found = (await store.listScenarios(contextOf(res).session)).find((s) => s.id === req.params.id);
      if (!found) throw scenarioNotFound(req.params.id, contextOf(res).session);
      sendJson(res, 200, found);
    })
    .delete(async (req: Request<{ id: string }>, res: Response) => {
      if (!(await store.removeScenario(contextOf(res).session, req.params.id)))
        throw scenarioNotFound(req.params.id, contextOf(res).session);
      res.status(204).end();
    })
    .all(methodNotAllowed('GET', 'DELETE'));

  return router;
}

function scenarioNotFound(id: string, session: string): HttpProblem {
  return HttpProblem.of('scenario-not-found', `No scenario ${id} in session '${session}'.`);
}
