import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { loadDocument } from '../spec/load';
import { SPEC_PATH, type OpenApiDocument } from '../spec/document';
import { serverBasePaths } from '../spec/server-paths';
import { servedBy, type Served } from './served';
import { MFA_FACTORS } from '../spec/types';
import { DEFAULT_CATALOG_PATH, loadCatalog } from './admin/catalog';
import { observeStore } from './admin/events/observed-store';
import { eventBusFor } from './admin/events/shared-event-bus';
import { enrollmentBehaviour } from './behaviours/enrollment/behaviour';
import { createEnrollments } from './behaviours/enrollment/enrollments';
import { DEFAULT_TICKET_TTL_MS } from './behaviours/enrollment/tickets';
import { createUserFactory } from './behaviours/enrollment/users';
import { systemClock, type Clock } from './clock';
import { createEngine } from './engine/engine';
import type { Latency } from './engine/latency';
import { createBodyGenerator } from './engine/respond/generate';
import { createSchemaViolations } from './engine/respond/schema-check';
import { createRouter } from './engine/router';
import { createDraftValidator } from './admin/validate-scenario';
import { baseUrlResolver } from './http/base-url';
import { contextOf, decide, DECISION_HEADER } from './http/context';
import { adminTokenHolder, createAdminTokenCheck, TOKEN_REFUSED } from './http/admin-token';
import { createCors, originPolicy } from './http/cors';
import { createHostCheck, HOST_REFUSED } from './http/host-check';
import { createOriginCheck, ORIGIN_REFUSED } from './http/origin-check';
import { discardUnreadBody } from './http/lingering-close';
import { lazyListener } from './http/lazy-listener';
import { answerError } from './http/responses';
import { createContextFactory, SESSION_HEADER, type FinishListener } from './http/session';
import { requestLogLine, silentLogger, type Logger } from './logger';
import { createRandom, type RandomSource } from './random';
import { journalRecord } from './state/journal';
import { DEFAULT_LIMITS, MemoryStore, type MemoryStoreLimits } from './state/memory-store';
import type { EnrollmentRecords, EnrollmentStore } from './behaviours/enrollment/records';
import { StoreUnavailable } from './state/store-unavailable';

export interface AppOptions {
  /** The OpenAPI document to serve: a path, or a parsed document. The kit's own by default. */
  readonly spec?: string | OpenApiDocument;
  /** Makes ids, users, emails and generated bodies reproducible. Without one (and without `random`), a random seed is used. */
  readonly seed?: string;
  readonly random?: RandomSource;
  readonly clock?: Clock;
  /** Defaults to a `MemoryStore` bounded by `limits`. */
  readonly store?: EnrollmentStore;
  readonly limits?: Partial<MemoryStoreLimits>;
  /** Receives one line per request (credentials redacted) and unexpected errors. Silent by default. */
  readonly logger?: Logger;
  /** How long a ticket stays pending. Default 24 hours. */
  readonly ticketTtlMs?: number;
  /** The base of the URLs the mock hands out, when clients reach it through another address. */
  readonly publicUrl?: string;
  /** Browser origins allowed by CORS: undefined for localhost, `*`, or a comma-separated list. */
  readonly corsOrigin?: string;
  /** Added to every answer of the document's operations (`--latency`): fixed, or seeded-random between min and max. */
  readonly latency?: Latency;
  /** The scenario catalogue file (`--scenarios`); the kit's own by default. */
  readonly scenarioCatalog?: string;
  /**
   * The address the server listens on (`--host`), for the Host check: a loopback one (the default,
   * as `npm start` listens) answers only loopback names, the public URL's host and `allowedHosts`.
   */
  readonly listenHost?: string;
  /** Host names answered besides those (`--allowed-hosts`); on a non-loopback address, the only ones. */
  readonly allowedHosts?: readonly string[];
  /** Required as `Authorization: Bearer TOKEN` by the admin API (`--admin-token`); none by default. */
  readonly adminToken?: string;
  /** Ends the console's event streams (`GET /__admin/events`) when aborted, so a shutdown need not wait for them. */
  readonly signal?: AbortSignal;
}

/** Requests the prelude refused: they changed nothing, and an attacker must not fill a journal with them. */
const REFUSALS = new Set([HOST_REFUSED, ORIGIN_REFUSED, TOKEN_REFUSED]);

/** The realm the mock's `WWW-Authenticate` challenges name. */
const REALM = 'Nexus';

/**
 * Builds the mock: a request listener for `http.createServer()` or `supertest()`. It never listens
 * and reads no environment (`server/` does that); everything that varies is injected.
 *
 * Every request passes one prelude (its context and session, CORS). A request for an operation of
 * the document then goes to the engine, which serves every operation the same way; anything else
 * (the admin API, the enrollment page, unknown routes) goes to Express.
 */
export function createApp(options: AppOptions = {}): RequestListener & { readonly served: Served } {
  const loaded = loadDocument(options.spec ?? SPEC_PATH);
  const { document, operations, ajv } = loaded;
  const route = createRouter(operations, serverBasePaths(document));
  const random = options.random ?? createRandom(options.seed);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  // Every change the store makes is published for the console's event streams, whatever the store.
  // Replicas on one Redis share them: a console on one sees what every replica served.
  const events = eventBusFor(options.store?.openChannel?.('events'), {
    clock,
    signal: options.signal,
    onError: (error) => {
      logger.error({ err: error }, 'event listener failed');
    },
  });
  const store = observeStore(
    options.store ?? new MemoryStore<EnrollmentRecords>({ ...DEFAULT_LIMITS, ...options.limits }),
    events,
    clock,
  );
  const baseUrl = baseUrlResolver(options.publicUrl);
  const credentialHeaders = [
    ...new Set(
      operations
        .flatMap((o) => o.security.flat())
        .flatMap((s) => (s.kind === 'apiKey' && s.in === 'header' ? [s.key] : [])),
    ),
  ];
  const secrets = {
    headers: credentialHeaders.map((h) => h.toLowerCase()),
    // API keys sent in the query: never in a log line or the journal.
    query: new Set(
      operations
        .flatMap((o) => o.security.flat())
        .flatMap((s) => (s.kind === 'apiKey' && s.in === 'query' ? [s.key] : [])),
    ),
  };

  const enrollments = createEnrollments({
    store,
    clock,
    random,
    ticketTtlMs: options.ticketTtlMs ?? DEFAULT_TICKET_TTL_MS,
    createUser: createUserFactory(random),
    defaultFactor: MFA_FACTORS[0] ?? 'otp',
  });
  const behaviours = [enrollmentBehaviour({ enrollments, random })];
  // One compiled check per schema, for generated bodies and the examples and errors answered.
  const violations = createSchemaViolations(ajv, document);
  const engine = createEngine({
    ajv,
    document,
    behaviours,
    store,
    random,
    clock,
    violations,
    generate: createBodyGenerator(document, ajv, violations),
    baseUrl,
    latency: options.latency,
    realm: REALM,
  });
  const validateScenario = createDraftValidator(ajv, operations);
  const catalog = loadCatalog(options.scenarioCatalog ?? DEFAULT_CATALOG_PATH, validateScenario, {
    // The kit's catalogue is written for the kit's document; another document keeps what it can serve.
    skipUnservable: options.scenarioCatalog === undefined,
  });

  const observe: FinishListener = (req, res, context, durationMs) => {
    const status = res.writableFinished ? res.statusCode : null;
    logger.info(requestLogLine(req, status, context, durationMs, secrets), 'request');
    // The journal is QA's record of their app's traffic; the admin API's own calls would drown it.
    if (context.path === '/__admin' || context.path.startsWith('/__admin/')) return;
    if (context.decision !== undefined && REFUSALS.has(context.decision)) return;
    const entry = journalRecord(context, req.method ?? '', status, clock.now(), durationMs, secrets.query);
    store.recordRequest(context.session, entry).catch((error: unknown) => {
      // A store that is down says so once (server/), not once per request.
      if (error instanceof StoreUnavailable) return;
      logger.error({ err: error, reqId: context.id }, 'journal write failed');
    });
  };
  const begin = createContextFactory(observe);
  const allowOrigin = originPolicy(options.corsOrigin);
  const checkHost = createHostCheck(options);
  const checkOrigin = createOriginCheck({ allowOrigin, publicUrl: options.publicUrl });
  const checkAdminToken = createAdminTokenCheck(options.adminToken);
  const applyCors = createCors({
    allowOrigin,
    allowMethods: [...new Set(['GET', 'POST', 'DELETE', ...operations.map((o) => o.method), 'OPTIONS'])],
    allowHeaders: [
      ...new Set([
        'Authorization',
        ...credentialHeaders,
        ...operations.flatMap((o) => o.parameters.filter((p) => p.in === 'header').map((p) => p.name)),
        'Prefer',
        SESSION_HEADER,
        'Content-Type',
      ]),
    ],
    exposeHeaders: [DECISION_HEADER, 'WWW-Authenticate', 'Allow', 'Retry-After'],
  });
  const onUnexpected = (error: unknown, reqId: string | undefined): void => {
    logger.error({ err: error, reqId }, 'unexpected error');
  };

  // Express and its routers load on the first request that is not an operation (see shell.ts).
  const shell = lazyListener(
    async () =>
      (await import('./shell')).createShell({
        store,
        admin: {
          store,
          enrollments,
          clock,
          factors: MFA_FACTORS,
          health: { seed: random.seed },
          revealsHealthFacts: adminTokenHolder(options.adminToken),
        },
        scenarios: { store, clock, validate: validateScenario, catalog, baseUrl },
        events: { bus: events, signal: options.signal },
        page: { store, enrollments, clock, factors: MFA_FACTORS },
        onUnexpected,
      }),
    (error, res) => {
      answerError(error, res, (e) => {
        onUnexpected(e, contextOf(res).id);
      });
    },
  );

  const served = servedBy(
    loaded,
    behaviours.map((b) => b.operationId),
  );
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    discardUnreadBody(req, res);
    const context = begin(req, res);
    if (!context) return;
    // The prelude's guards, before anything reads or changes state: the Host (DNS rebinding), CORS
    // preflights, cross-origin writes, the admin token.
    if (!checkHost(req, res, context)) return;
    if (!applyCors(req, res)) return;
    if (!checkOrigin(req, res, context)) return;
    if (checkAdminToken && !checkAdminToken(req, res, context)) return;
    const match = route(req.method ?? '', context.path);
    if (!match) {
      shell(req, res);
      return;
    }
    if (match.kind === 'method-not-allowed') {
      engine.refuseMethod(req, res, context, match.operations, match.allow);
      return;
    }
    engine(req, res, context, match.operation, match.pathParams).catch((error: unknown) => {
      decide(res, context, error instanceof StoreUnavailable ? 'store:unavailable' : 'error:unexpected');
      answerError(error, res, (e) => {
        onUnexpected(e, context.id);
      });
    });
  };
  return Object.assign(listener, { served });
}
