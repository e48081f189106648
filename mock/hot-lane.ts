import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { originForm } from './http/context';

type Handle = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * Dispatches one method and path to `handler` before Express sees the request. The enrollment
 * endpoint is what a frontend team and a CI farm hit all day: skipping Express's per-request set-up
 * (prototype swaps, router walk, `res.send`) roughly doubles its throughput. Everything else (the
 * admin API, the enrollment page, every error route) stays Express. `app.handle` is the function an
 * Express app calls for each request, so `http.createServer(app)` and supertest both take this lane.
 */
export function withHotLane(
  app: Express,
  method: string,
  path: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Express {
  const target = app as unknown as { handle: Handle };
  const expressHandle = target.handle.bind(app);
  target.handle = (req, res, next) => {
    const url = originForm(req.url);
    if (
      req.method === method &&
      url.startsWith(path) &&
      (url.length === path.length || url[path.length] === '?')
    ) {
      handler(req, res);
      return;
    }
    expressHandle(req, res, next);
  };
  return app;
}
