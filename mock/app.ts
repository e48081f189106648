import express, { type Express } from 'express';
import { loadSpec, type OpenApiDocument } from '../spec/document';
import { describeOperation } from '../spec/operation';
import { createSpecAjv } from '../spec/schemas';
import { CREATE_MFA_ENROLLMENT, MFA_FACTORS, type CreateMfaEnrollmentQuery } from '../spec/types';
import { adminRoutes } from './admin/routes';
import { challenges, createAuthenticator } from './engine/security';
import { baseUrlResolver } from './http/base-url';
import { systemClock, type Clock } from './clock';
import { cors, createCors, originPolicy } from './http/cors';
import { enrollmentPage } from './behaviours/enrollment/page';
import { enrollmentHandler } from './behaviours/enrollment/route';
import { createEnrollments } from './behaviours/enrollment/enrollments';
import { createResponseForcer } from './engine/forced-response';
import { journalRoutes } from './admin/journal';
import { scenarioRoutes } from './admin/scenarios';
import { contextOf, DECISION_HEADER, decide } from './http/context';
import { journalRecord } from './state/journal';
import type { Latency } from './engine/latency';
import { requestLogLine, silentLogger, type Logger } from './logger';
import { DEFAULT_CATALOG_PATH, loadCatalog } from './admin/catalog';
import { createDraftValidator } from './engine/scenarios';
import { DEFAULT_LIMITS, MemoryStore, type MemoryStoreLimits } from './state/memory-store';
import { createRandom, type RandomSource } from './random';
import { createContextFactory, requestContext, SESSION_HEADER, type FinishListener } from './http/session';
import { answerError, errorHandler, methodNotAllowed, routeNotFound } from './http/responses';
import { withHotLane } from './hot-lane';
import type { Store } from './state/store';
import { createUserFactory } from './behaviours/enrollment/users';
import { DEFAULT_TICKET_TTL_MS } from './behaviours/enrollment/tickets';
import { compileQueryValidator } from './engine/validation';

export interface AppOptions {
  /** Makes ids, users and emails reproducible. Without one (and without `random`), a random seed is used. */
  readonly seed?: string;
  readonly random?: RandomSource;
  readonly clock?: Clock;
  /** Defaults to a `MemoryStore` bounded by `limits`. */
  readonly store?: Store;
  readonly limits?: Partial<MemoryStoreLimits>;
  /** Receives one line per request (credentials redacted) and unexpected errors. Silent by default. */
  readonly logger?: Logger;
  /** How long a ticket stays pending. Default 24 hours. */
  readonly ticketTtlMs?: number;
  /** The base of the URLs the mock hands out, when clients reach it through another address. */
  readonly publicUrl?: string;
  /** Browser origins allowed by CORS: undefined for localhost, `*`, or a comma-separated list. */
  readonly corsOrigin?: string;
  /** Added to every enrollment answer (`--latency`): fixed, or seeded-random between min and max. */
  readonly latency?: Latency;
  /** The scenario catalogue file (`--scenarios`); the kit's own by default. */
  readonly scenarioCatalog?: string;
  /** The OpenAPI document to serve; the kit's own by default. */
  readonly spec?: OpenApiDocument;
}

/**
 * Builds the mock as an Express app, driven by the OpenAPI document. It never listens and reads no
 * environment: `server.ts` does that. Everything that varies is injected.
 */
export function createApp(options: AppOptions = {}): Express {
  const document = options.spec ?? loadSpec();
  const operation = describeOperation(document, CREATE_MFA_ENROLLMENT);
  const ajv = createSpecAjv(document, { coerceTypes: 'array', useDefaults: true });
  const random = options.random ?? createRandom(options.seed);
  const clock = options.clock ?? systemClock;
  const store = options.store ?? new MemoryStore({ ...DEFAULT_LIMITS, ...options.limits });
  const logger = options.logger ?? silentLogger;
  const credentialHeaders = operation.security.flat().flatMap((s) => (s.kind === 'apiKey' ? [s.key] : []));
  const secretHeaders = credentialHeaders.map((h) => h.toLowerCase());

  const challenge = challenges(operation.security, 'Nexus');
  const enrollments = createEnrollments({
    store,
    clock,
    random,
    ticketTtlMs: options.ticketTtlMs ?? DEFAULT_TICKET_TTL_MS,
    createUser: createUserFactory(random),
    defaultFactor: MFA_FACTORS[0] ?? 'otp',
  });

  const forcer = createResponseForcer({ document, operation, random, challenge });
  const validateScenario = createDraftValidator(MFA_FACTORS, forcer.explain);
  const catalog = loadCatalog(options.scenarioCatalog ?? DEFAULT_CATALOG_PATH, validateScenario);
  const baseUrl = baseUrlResolver(options.publicUrl);

  const observe: FinishListener = (req, res, context, durationMs) => {
    const status = res.writableFinished ? res.statusCode : null;
    logger.info(requestLogLine(req, status, context, durationMs, secretHeaders), 'request');
    // The journal is QA's record of their app's traffic; the admin API's own calls would drown it.
    if (context.path === '/__admin' || context.path.startsWith('/__admin/')) return;
    const entry = journalRecord(context, req.method ?? '', status, clock.now(), durationMs);
    store.recordRequest(context.session, entry).catch((error: unknown) => {
      logger.error({ err: error, reqId: context.id }, 'journal write failed');
    });
  };
  const begin = createContextFactory(observe);
  const applyCors = createCors({
    allowOrigin: originPolicy(options.corsOrigin),
    allowHeaders: ['Authorization', ...credentialHeaders, 'Prefer', SESSION_HEADER, 'Content-Type'],
    exposeHeaders: [DECISION_HEADER, 'WWW-Authenticate', 'Allow', 'Retry-After'],
  });
  const onUnexpected = (error: unknown, reqId: string | undefined): void => {
    logger.error({ err: error, reqId }, 'unexpected error');
  };

  const handleEnrollment = enrollmentHandler({
    authenticate: createAuthenticator(operation.security),
    challenge,
    validateQuery: compileQueryValidator<CreateMfaEnrollmentQuery>(ajv, operation),
    enrollments,
    store,
    forcer,
    baseUrl,
    latency: options.latency,
    random,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.use(requestContext(begin), cors(applyCors));
  // The operation's own method never reaches Express (see withHotLane); every other method gets 405.
  app.all(toExpressPath(operation.path), methodNotAllowed(operation.method));
  app.use(
    '/__admin',
    adminRoutes({ store, enrollments, clock, factors: MFA_FACTORS, health: { seed: random.seed } }),
    scenarioRoutes({ store, clock, validate: validateScenario, catalog, baseUrl }),
    journalRoutes(store),
  );
  app.use(enrollmentPage({ store, enrollments, clock, factors: MFA_FACTORS }));
  app.use(routeNotFound);
  app.use(
    errorHandler((error, res) => {
      onUnexpected(error, contextOf(res).id);
    }),
  );

  return withHotLane(app, operation.method, operation.path, (req, res) => {
    const context = begin(req, res);
    if (!context) return;
    applyCors(req, res); // A POST is never a preflight: this only adds the CORS headers.
    handleEnrollment(req, res, context).catch((error: unknown) => {
      decide(res, context, 'error:unexpected');
      answerError(error, res, (e) => {
        onUnexpected(e, context.id);
      });
    });
  });
}

/** `/users/{id}` (OpenAPI) → `/users/:id` (Express). */
function toExpressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
