import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import { createApp } from '../../mock/app';
import { PACKAGE_ROOT } from '../../spec/document';

export const PETS_SPEC = path.join(PACKAGE_ROOT, 'spec', 'fixtures', 'pets.openapi.yaml');

/**
 * The kit's mock serving the fixture document (every operation correct), broken in one operation at
 * a time: so the self-test proves the suite checks each operation of another document, not only the
 * enrollment.
 */
export type PetsFlaw =
  | 'health-wrong-shape'
  | 'list-crashes-on-sold'
  | 'create-skips-validation'
  | 'create-checks-only-the-name'
  | 'get-as-text'
  | 'delete-ignores-auth'
  | 'photo-refuses-bearer-and-key'
  | 'search-accepts-long-query'
  | 'preferences-ignore-cookie-key'
  | 'legacy-report-succeeds'
  | 'patch-pets-works';

export function petsServer(flaw?: PetsFlaw): RequestListener {
  const mock = createApp({ spec: PETS_SPEC, seed: 'pets-self-test' });
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://pets');
    const route = `${req.method ?? ''} ${url.pathname}`;
    const answered = flaw !== undefined && breakIn(flaw, route, url, req, res);
    if (!answered) mock(req, res);
  };
}

const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): true => {
  res.writeHead(status, { 'Content-Type': type }).end(JSON.stringify(body));
  return true;
};

/** Answers the request the broken way, or returns false to let the correct mock answer it. */
function breakIn(
  flaw: PetsFlaw,
  route: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  switch (flaw) {
    case 'health-wrong-shape':
      return route === 'GET /health' && json(res, 200, { status: 'up' });
    case 'list-crashes-on-sold':
      return (
        route === 'GET /pets' &&
        url.searchParams.get('status') === 'sold' &&
        json(res, 500, { title: 'Internal Server Error', status: 500 }, 'application/problem+json')
      );
    case 'create-skips-validation':
      if (route !== 'POST /pets' || !/^Bearer \S/i.test(req.headers.authorization ?? '')) return false;
      // Takes whatever it is sent: reads the body for a name, checks nothing.
      readName(req, (name) => {
        json(res, 201, {
          id: 1,
          name: typeof name === 'string' && name !== '' ? name : 'unnamed',
          status: 'available',
        });
      });
      return true;
    case 'create-checks-only-the-name':
      if (route !== 'POST /pets' || !/^Bearer \S/i.test(req.headers.authorization ?? '')) return false;
      // Checks that a name is there, as a hand-written handler might, and nothing else of the body.
      readName(req, (name) => {
        if (typeof name !== 'string' || name === '')
          json(
            res,
            400,
            { title: 'Bad Request', status: 400, detail: 'name is required' },
            'application/problem+json',
          );
        else json(res, 201, { id: 1, name: name.slice(0, 50), status: 'available' });
      });
      return true;
    case 'get-as-text':
      return (
        /^GET \/pets\/\d+$/.test(route) &&
        json(res, 200, { id: 1, name: 'Rex', status: 'available' }, 'text/plain')
      );
    case 'delete-ignores-auth':
      if (!/^DELETE \/pets\/\d+$/.test(route) || req.headers.authorization !== undefined) return false;
      res.writeHead(204).end();
      return true;
    case 'photo-refuses-bearer-and-key':
      return (
        /^PUT \/pets\/\d+\/photo$/.test(route) &&
        /^bearer /i.test(req.headers.authorization ?? '') &&
        json(res, 401, { title: 'Unauthorized', status: 401 }, 'application/problem+json')
      );
    case 'search-accepts-long-query':
      return (
        route === 'GET /search' &&
        (url.searchParams.get('q') ?? '').length > 40 &&
        json(res, 200, { results: [], total: 0 })
      );
    case 'preferences-ignore-cookie-key':
      return (
        route === 'GET /me/preferences' &&
        !(req.headers.cookie ?? '').includes('session_id=') &&
        json(res, 200, { theme: 'light', pageSize: 10 })
      );
    case 'legacy-report-succeeds':
      return route === 'GET /legacy/report' && json(res, 200, {});
    case 'patch-pets-works':
      return route === 'PATCH /pets' && json(res, 200, { id: 1, name: 'Rex', status: 'available' });
  }
}

/** The `name` member of a JSON body, read as a hand-written handler would (anything else: undefined). */
function readName(req: IncomingMessage, done: (name: unknown) => void): void {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    text += chunk;
  });
  req.on('end', () => {
    try {
      done((JSON.parse(text) as { name?: unknown } | null)?.name);
    } catch {
      done(undefined);
    }
  });
}
