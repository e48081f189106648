import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { PACKAGE_ROOT } from '../../../spec/document';
import { HttpProblem } from '../../http/problems';
import { methodNotAllowed, send } from '../../http/responses';

/** The console's files: plain HTML, CSS and JavaScript modules, served as they are (no build step). */
export const CONSOLE_ASSETS = path.join(PACKAGE_ROOT, 'mock', 'admin', 'console', 'assets');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Everything the page may load comes from the mock itself: no CDN, so the console works offline,
 * and no inline script or style, so a journal entry that holds markup can never run as code.
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  readonly type: string;
  readonly text: string;
}

/**
 * `GET /__admin/console` (the page) and `GET /__admin/console/<file>` (its modules, styles and icon).
 * The files are read once, on the first request, so a mock that nobody opens the console of pays
 * nothing at start-up.
 */
export function consoleRoutes(directory: string = CONSOLE_ASSETS): Router {
  let assets: ReadonlyMap<string, Asset> | undefined;
  const load = (): ReadonlyMap<string, Asset> =>
    (assets ??= new Map(
      readdirSync(directory)
        .filter((name) => TYPES[path.extname(name)] !== undefined && !name.endsWith('.test.js'))
        .map((name) => [
          name,
          { type: TYPES[path.extname(name)] ?? '', text: readFileSync(path.join(directory, name), 'utf8') },
        ]),
    ));
  const serve = (res: Response, name: string): void => {
    const asset = load().get(name);
    if (!asset) throw HttpProblem.of('route-not-found', `The console has no file ${name}.`);
    send(res, 200, asset.type, asset.text, {
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(asset.type.startsWith('text/html')
        ? { 'Content-Security-Policy': PAGE_POLICY, 'Referrer-Policy': 'no-referrer' }
        : {}),
    });
  };

  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/console')
    .get((_req, res) => {
      serve(res, 'index.html');
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/console/:file')
    .get((req: Request<{ file: string }>, res: Response) => {
      serve(res, req.params.file);
    })
    .all(methodNotAllowed('GET'));
  return router;
}
