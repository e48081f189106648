import type { Request, Response } from 'express';
import type { CreateMfaEnrollmentQuery, MfaEnrollmentTicket } from '../spec/types';
import type { Authenticator } from './auth';
import { contextOf, pathOf } from './context';
import type { Enrollments } from './enrollments';
import type { ResponseForcer } from './forced-response';
import { identify } from './identity';
import { readPreferences } from './prefer';
import { problem } from './problems';
import { sendJson, sendProblem } from './responses';
import { describeViolations, type QueryValidation } from './validation';

export const DECISION_HEADER = 'X-Mock-Decision';

export interface EnrollmentRouteOptions {
  readonly authenticate: Authenticator;
  /** The `WWW-Authenticate` value every 401 carries. */
  readonly challenge: string;
  readonly validateQuery: (query: unknown) => QueryValidation<CreateMfaEnrollmentQuery>;
  readonly enrollments: Enrollments;
  readonly baseUrl: (req: Request) => string;
  readonly forcer: ResponseForcer;
  /** The absolute URL of a ticket's page, for forced 200s that look like real ones. */
  readonly pageUrl: (baseUrl: string, session: string, ticketId: string) => string;
}

/**
 * `POST /v1/me/mfa-enrollment`: authenticate, validate, then issue a ticket. Every answer says why
 * it is what it is in `X-Mock-Decision`.
 * @see spec/nexus.openapi.yaml#/paths/~1v1~1me~1mfa-enrollment/post
 */
export function enrollmentRoute(options: EnrollmentRouteOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const context = contextOf(res);
    const decide = (decision: string): void => {
      context.decision = decision;
      res.set(DECISION_HEADER, decision);
    };

    const auth = options.authenticate(req.headers);
    const identity = auth.ok ? identify(auth.principal) : auth;
    if (!identity.ok) {
      decide(`auth:${identity.reason}`);
      sendProblem(req, res, problem('unauthorized', { detail: identity.detail }), {
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
        req,
        res,
        problem('invalid-query-parameters', { detail, extensions: { errors: query.violations } }),
      );
      return;
    }

    const interactive = query.value.isInteractive ?? false;
    const baseUrl = options.baseUrl(req);

    const preferences = readPreferences(req.get('prefer'), context.query);
    if (preferences) {
      const resolution = options.forcer.resolve(preferences);
      if (!resolution.ok) {
        decide('prefer:invalid');
        sendProblem(req, res, problem('invalid-prefer', { detail: resolution.detail }));
        return;
      }
      decide(resolution.decision);
      const forced = options.forcer.render(resolution.choice, {
        session: context.session,
        userId: identity.userId,
        interactive,
        instance: pathOf(req),
        traceId: context.id,
        ticketUrl: (ticketId) => options.pageUrl(baseUrl, context.session, ticketId),
      });
      res
        .status(forced.status)
        .set(forced.headers)
        .set('Content-Type', forced.contentType)
        .send(JSON.stringify(forced.body));
      return;
    }

    const outcome = await options.enrollments.enroll({
      session: context.session,
      userId: identity.userId,
      factor: query.value.factor ?? null,
      interactive,
      baseUrl,
    });
    if (outcome.kind === 'user-not-found') {
      decide('user:not-found');
      sendProblem(
        req,
        res,
        problem('user-not-found', { detail: `The user '${identity.userId}' does not exist.` }),
      );
      return;
    }
    decide('ticket:created');
    const { ticket, email } = outcome;
    const body: MfaEnrollmentTicket = {
      ticketId: ticket.ticketId,
      emailSent: email !== null,
      ticketUrl: ticket.interactive ? ticket.ticketUrl : null,
    };
    sendJson(res, 200, body);
  };
}
