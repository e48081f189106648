import type { IncomingMessage } from 'node:http';
import { Router, type Request, type Response } from 'express';
import type { MfaFactor } from '../../spec/types';
import type { Clock } from '../clock';
import { contextOf } from '../http/context';
import type { Enrollments } from '../behaviours/enrollment/enrollments';
import { jsonBody } from '../http/json-body';
import { oneParameter, enumParameter } from './params';
import { HttpProblem, problem, ticketNotFound } from '../http/problems';
import { methodNotAllowed, sendJson, sendProblem } from '../http/responses';
import type { EnrollmentStore } from '../behaviours/enrollment/records';
import type { StoreCounts } from '../state/store';
import { StoreUnavailable } from '../state/store-unavailable';
import { TICKET_STATUSES, statusAt, viewTicket } from '../behaviours/enrollment/tickets';

export interface AdminOptions {
  readonly store: EnrollmentStore;
  readonly enrollments: Enrollments;
  readonly clock: Clock;
  readonly factors: readonly MfaFactor[];
  /** Extra facts for `/health` (the seed in use, so a run can be reproduced). */
  readonly health: Readonly<Record<string, unknown>>;
  /**
   * Whether this request may see those facts: health needs no admin token (load balancers probe it),
   * but the seed predicts ticket ids, so a mock with a token shows it only to the token's holder.
   */
  readonly revealsHealthFacts?: (req: IncomingMessage) => boolean;
}

type Params<K extends string> = Request<Record<K, string>>;

/**
 * The admin API under `/__admin`: JSON in and out, errors as problems, acting on the request's session.
 * Lists are newest first.
 */
export function adminRoutes(options: AdminOptions): Router {
  const { store, clock } = options;
  const router = Router({ caseSensitive: true, strict: true });

  router
    .route('/health')
    .get(async (req, res) => {
      const facts = (options.revealsHealthFacts?.(req) ?? true) ? options.health : {};
      let counts: StoreCounts;
      try {
        counts = await store.counts();
      } catch (error) {
        if (!(error instanceof StoreUnavailable)) throw error;
        // A load balancer takes a replica whose store is down out of rotation; the body says why.
        const detail = `${error.message}. The mock reconnects by itself.`;
        const extensions = { ...facts, store: { backend: store.backend, status: 'down' } };
        sendProblem(res, problem('store-unavailable', { detail, extensions }), {
          'Retry-After': String(error.retryAfterSeconds),
        });
        return;
      }
      const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
      const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
      sendJson(res, 200, {
        status: 'ok',
        ...facts,
        store: { backend: store.backend, status: 'up', ...counts },
        memory: {
          rssMb: mb(rss),
          heapTotalMb: mb(heapTotal),
          heapUsedMb: mb(heapUsed),
          externalMb: mb(external),
        },
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/tickets')
    .get(async (req, res) => {
      const { session, query } = contextOf(res);
      const userId = oneParameter(query, 'userId');
      const status = enumParameter(query, 'status', TICKET_STATUSES);
      const now = clock.now();
      const tickets = (await store.listTickets(session))
        .filter(
          (t) =>
            (userId === undefined || t.userId === userId) &&
            (status === undefined || statusAt(t, now) === status),
        )
        .reverse()
        .map((t) => viewTicket(t, now));
      sendJson(res, 200, { tickets });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/tickets/:ticketId')
    .get(async (req: Params<'ticketId'>, res) => {
      const { session } = contextOf(res);
      const ticket = await store.getTicket(session, req.params.ticketId);
      if (!ticket) throw ticketNotFound(req.params.ticketId, session);
      sendJson(res, 200, viewTicket(ticket, clock.now()));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/tickets/:ticketId/complete')
    .post(jsonBody(), async (req: Params<'ticketId'>, res: Response) => {
      const { session } = contextOf(res);
      const factor = factorOf(req.body, options.factors);
      const outcome = await options.enrollments.complete(session, req.params.ticketId, factor);
      switch (outcome.outcome) {
        case 'not-found':
          throw ticketNotFound(req.params.ticketId, session);
        case 'factor-mismatch':
          throw HttpProblem.of(
            'invalid-admin-request',
            `Ticket ${outcome.ticket.ticketId} requires the factor ${outcome.ticket.factor ?? ''}.`,
          );
        case 'not-pending': {
          const status = statusAt(outcome.ticket, clock.now());
          const detail = `Ticket ${outcome.ticket.ticketId} is ${status}, not pending; only a pending ticket can be completed.`;
          sendProblem(res, problem('ticket-not-pending', { detail, extensions: { ticketStatus: status } }));
          return;
        }
        case 'completed':
          sendJson(res, 200, viewTicket(outcome.ticket, clock.now()));
      }
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/outbox')
    .get(async (_req, res) => {
      const { session, query } = contextOf(res);
      const userId = oneParameter(query, 'userId');
      const emails = (await store.listEmails(session))
        .filter((e) => userId === undefined || e.userId === userId)
        .reverse();
      sendJson(res, 200, { emails });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/users/:userId')
    .get(async (req: Params<'userId'>, res) => {
      const { session } = contextOf(res);
      const user = await store.getUser(session, req.params.userId);
      if (!user)
        throw HttpProblem.of('user-not-found', `No user '${req.params.userId}' in session '${session}'.`);
      sendJson(res, 200, user);
    })
    .delete(async (req: Params<'userId'>, res) => {
      await store.deleteUser(contextOf(res).session, req.params.userId);
      res.status(204).end();
    })
    .all(methodNotAllowed('GET', 'DELETE'));

  router
    .route('/reset')
    .post(async (_req, res) => {
      await store.reset(contextOf(res).session);
      res.status(204).end();
    })
    .all(methodNotAllowed('POST'));

  return router;
}

/** The optional `{"factor": ...}` body of a completion. */
function factorOf(body: unknown, factors: readonly MfaFactor[]): MfaFactor | undefined {
  if (body === undefined) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw HttpProblem.of(
      'invalid-admin-request',
      'The body must be a JSON object such as {"factor": "otp"}.',
    );
  }
  const { factor } = body as { factor?: unknown };
  if (factor === undefined) return undefined;
  const match = factors.find((f) => f === factor);
  if (match === undefined)
    throw HttpProblem.of('invalid-admin-request', `factor must be one of: ${factors.join(', ')}.`);
  return match;
}
