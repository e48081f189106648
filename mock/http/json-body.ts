import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { problem } from './problems';
import { sendProblem } from './responses';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Parses a JSON request body for the admin API. No body leaves `req.body` undefined; a body of
 * another media type gets 415; invalid JSON gets 400 and an oversized one 413 (from the error handler).
 */
export function jsonBody(limit = '64kb'): RequestHandler[] {
  const onlyJson = (req: Request, res: Response, next: NextFunction): void => {
    const length = req.headers['content-length'];
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    const type = req.headers['content-type'];
    if (hasBody && type !== undefined && !JSON_TYPE.test(type)) {
      const detail = `The body must be application/json, not ${type}.`;
      sendProblem(res, problem('unsupported-media-type', { detail }));
      return;
    }
    next();
  };
  // Parses whatever media type was sent (onlyJson has refused the others); no body leaves req.body undefined.
  return [onlyJson, express.json({ limit, strict: false, type: () => true })];
}
