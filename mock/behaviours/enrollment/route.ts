import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CreateMfaEnrollmentQuery, MfaEnrollmentTicket } from '../../../spec/types';
import type { Authenticator } from '../../engine/security';
import { decide as decideFor, type RequestContext } from '../../http/context';
import type { Enrollments } from './enrollments';
import { applyFault } from '../../engine/faults';
import type { ForcedChoice, ForcedRequest, ResponseForcer } from '../../engine/forced-response';
import { identify } from '../../engine/identity';
import { delayFor, sleep, type Latency } from '../../engine/latency';
import { readPreferences } from '../../engine/prefer';
import { problem } from '../../http/problems';
import type { RandomSource } from '../../random';
import { send, sendJson, sendProblem } from '../../http/responses';
import type { Store } from '../../state/store';
import { ticketUrlOf } from './tickets';
import { describeViolations, type QueryValidation } from '../../engine/validation';

export interface EnrollmentRouteOptions {
  readonly authenticate: Authenticator;
  /** The `WWW-Authenticate` value every 401 carries. */
  readonly challenge: string;
  readonly validateQuery: (query: unknown) => QueryValidation<CreateMfaEnrollmentQuery>;
  readonly enrollments: Enrollments;
  readonly store: Store;
  readonly forcer: ResponseForcer;
  readonly baseUrl: (req: IncomingMessage) => string;
  /** Added to every answer (`--latency`). */
  readonly latency: Latency | undefined;
  readonly random: RandomSource;
}

/**
 * `POST /v1/me/mfa-enrollment`. In order: the global latency; authentication (401); validation
 * (400); then what the client forces (`Prefer`), else what a scenario of its session says (delay,
 * fault, status), else the real thing: a ticket, or 404 for a deleted user. Every answer says why it
 * is what it is in `X-Mock-Decision`.
 *
 * Written against plain node:http: it is the mock's hot path, dispatched ahead of Express's router.
 * @see spec/nexus.openapi.yaml#/paths/~1v1~1me~1mfa-enrollment/post
 */
export function enrollmentHandler(options: EnrollmentRouteOptions) {
  let sequence = 0;

  return async (req: IncomingMessage, res: ServerResponse, context: RequestContext): Promise<void> => {
    const decide = (decision: string): void => {
      decideFor(res, context, decision);
    };
    if (options.latency) {
      await sleep(delayFor(options.latency, options.random, `latency:${context.session}:${++sequence}`));
      if (res.writableEnded || req.socket.destroyed) return;
    }

    const auth = options.authenticate(req.headers);
    const identity = auth.ok ? identify(auth.principal) : auth;
    if (!identity.ok) {
      decide(`auth:${identity.reason}`);
      sendProblem(res, problem('unauthorized', { detail: identity.detail }), {
        'WWW-Authenticate': options.challenge,
      });
      return;
    }
    context.userId = identity.userId;

    const query = options.validateQuery(context.query);
    if (!query.ok) {
      decide('validation');
      const detail = describeViolations(query.violations);
      sendProblem(
        res,
        problem('invalid-query-parameters', { detail, extensions: { errors: query.violations } }),
      );
      return;
    }
    const factor = query.value.factor ?? null;
    const interactive = query.value.isInteractive ?? false;
    const baseUrl = options.baseUrl(req);
    const forcedRequest: ForcedRequest = {
      session: context.session,
      userId: identity.userId,
      interactive,
      instance: context.path,
      traceId: context.id,
      ticketUrl: (ticketId) => ticketUrlOf({ baseUrl, session: context.session, ticketId }),
    };

    const preferences = readPreferences(req.headers.prefer, context.query);
    if (preferences) {
      const resolution = options.forcer.resolve(preferences);
      if (!resolution.ok) {
        decide('prefer:invalid');
        sendProblem(res, problem('invalid-prefer', { detail: resolution.detail }));
        return;
      }
      decide(resolution.decision);
      sendForced(res, resolution.choice, forcedRequest);
      return;
    }

    const scenario = await options.store.claimScenario(context.session, {
      userId: identity.userId,
      factor,
      isInteractive: interactive,
    });
    if (scenario) {
      context.scenario = scenario.id;
      await sleep(scenario.delayMs ?? 0);
      if (res.writableEnded || req.socket.destroyed) return;
      if (scenario.fault) {
        decide(`scenario:${scenario.id}:${scenario.fault}`);
        const rendered = options.forcer.render({ status: scenario.status ?? 200 }, forcedRequest);
        applyFault(scenario.fault, res, {
          status: rendered.status,
          contentType: rendered.contentType,
          json: JSON.stringify(rendered.body),
        });
        return;
      }
      if (scenario.status !== undefined) {
        decide(`scenario:${scenario.id}`);
        sendForced(
          res,
          { status: scenario.status, example: scenario.example, dynamic: scenario.dynamic },
          forcedRequest,
        );
        return;
      }
    }

    await enroll(res, context, decide, { factor, interactive, baseUrl });
  };

  function sendForced(res: ServerResponse, choice: ForcedChoice, request: ForcedRequest): void {
    const forced = options.forcer.render(choice, request);
    send(res, forced.status, forced.contentType, JSON.stringify(forced.body), forced.headers);
  }

  async function enroll(
    res: ServerResponse,
    context: RequestContext,
    decide: (decision: string) => void,
    request: { factor: CreateMfaEnrollmentQuery['factor'] | null; interactive: boolean; baseUrl: string },
  ): Promise<void> {
    const userId = context.userId ?? '';
    const outcome = await options.enrollments.enroll({
      session: context.session,
      userId,
      ...request,
      factor: request.factor ?? null,
    });
    if (outcome.kind === 'user-not-found') {
      decide('user:not-found');
      sendProblem(res, problem('user-not-found', { detail: `The user '${userId}' does not exist.` }));
      return;
    }
    decide('ticket:created');
    const { ticket, email } = outcome;
    const body: MfaEnrollmentTicket = {
      ticketId: ticket.ticketId,
      emailSent: email !== null,
      ticketUrl: ticket.interactive ? ticketUrlOf(ticket) : null,
    };
    sendJson(res, 200, body);
  }
}
