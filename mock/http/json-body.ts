import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { problem } from './problems';
import { announcesBody } from './read-body';
import { sendProblem } from './responses';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Parses a JSON request body for the admin API. No body leaves `req.body` undefined; a body of
 * another media type gets 415; invalid JSON gets 400 and an oversized one 413 (from the error handler).
 * A body announced over the limit gets its 413 at once, and the connection closes: body-parser
 * would read all of it first, however large.
 */
export function jsonBody(limit = 64 * 1024): RequestHandler[] {
  const refuseByHead = (req: Request, res: Response, next: NextFunction): void => {
    const type = req.headers['content-type'];
    if (announcesBody(req) && type !== undefined && !JSON_TYPE.test(type)) {
      const detail = `The body must be application/json, not ${type}.`;
      sendProblem(res, problem('unsupported-media-type', { detail }));
      return;
    }
    // The limit is on the body as parsed: a compressed one is measured once inflated, by body-parser.
    const identity = (req.headers['content-encoding'] ?? 'identity').toLowerCase() === 'identity';
    if (identity && Number(req.headers['content-length']) > limit) {
      const detail = `The body is larger than the admin API accepts (${limit / 1024} kB).`;
      sendProblem(res, problem('payload-too-large', { detail }), { Connection: 'close' });
      return;
    }
    next();
  };
  // Parses whatever media type was sent (refuseByHead has refused the others); no body leaves req.body undefined.
  return [refuseByHead, express.json({ limit, strict: false, type: () => true })];
}
