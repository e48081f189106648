import { http, type HttpHandler } from 'msw';
import type { OpenApiDocument } from '../../spec/document';
import { createApp } from '../app';
import { toFetchHandler, type FetchHandler } from './fetch-adapter';
import { checkHandlerOptions } from './check-options';

export interface MockHandlersOptions {
  /**
   * Where the app under test sends its requests: `http://localhost/api`, `https://nexus.example.test`.
   * Every request under it goes to the mock: the document's operations, `/__admin/*`, the enrollment page.
   */
  readonly baseUrl: string;
  /** Makes ids, users and emails reproducible: two handler sets with the same seed give the same ids. */
  readonly seed?: string;
  /** Another OpenAPI 3.1 document to serve: a path, or a parsed document. The kit's own by default. */
  readonly spec?: string | OpenApiDocument;
}

export interface MockHandlers {
  /** For `setupServer(...handlers)` (msw/node) or `server.use(...handlers)`. */
  readonly handlers: HttpHandler[];
  /** Forgets all state: tickets, users, the outbox, scenarios, the journal, in every session. */
  reset(): void;
}

/**
 * MSW 2 request handlers that run the kit's mock in-process: the same engine as `nexus-mock`
 * (credentials, validation, `Prefer`, scenarios, tickets and outbox, the admin API), answering
 * through MSW instead of a port. Throws at once, naming the option, when an option is unusable.
 */
export function createMockHandlers(options: MockHandlersOptions): MockHandlers {
  const { base, pathPrefix } = checkHandlerOptions(options);
  const build = (): FetchHandler =>
    toFetchHandler(
      createApp({
        spec: options.spec,
        seed: options.seed,
        // The URLs the mock hands out (ticketUrl) point back under the base URL, where MSW answers them.
        publicUrl: base,
      }),
      { pathPrefix },
    );
  let answer = wrapSpecErrors(build);
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Matched against the URL without its query: the base itself, or any path below it.
  const underBase = new RegExp(`^${escaped}(?:/.*)?$`);
  return {
    handlers: [
      http.all(underBase, ({ request }) =>
        new URL(request.url).pathname.endsWith('/__admin/events')
          ? eventStreamUnavailable(request)
          : answer(request),
      ),
    ],
    reset: () => {
      answer = build();
    },
  };
}

/**
 * The event stream never ends, and the adapter answers once a connection closes: under MSW it is
 * refused at once (a test reads the admin API instead) rather than left to hang.
 */
function eventStreamUnavailable(request: Request): Response {
  const body = {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.6.2',
    title: 'Event streams are not served through MSW handlers.',
    status: 501,
    detail:
      'GET /__admin/events streams without end; through createMockHandlers, read the admin API (/__admin/tickets, /__admin/outbox, /__admin/requests) instead.',
    instance: new URL(request.url).pathname,
  };
  return new Response(JSON.stringify(body), {
    status: 501,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

function wrapSpecErrors(build: () => FetchHandler): FetchHandler {
  try {
    return build();
  } catch (error) {
    throw new Error(`createMockHandlers: spec: ${(error as Error).message}`, { cause: error });
  }
}
