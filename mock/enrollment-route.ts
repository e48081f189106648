import type { Request, Response } from 'express';
import type { CreateMfaEnrollmentQuery, MfaEnrollmentTicket } from '../spec/types';
import type { Authenticator } from './auth';
import { contextOf } from './context';
import type { Enrollments } from './enrollments';
import { identify } from './identity';
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

    const outcome = await options.enrollments.enroll({
      session: context.session,
      userId: identity.userId,
      factor: query.value.factor ?? null,
      interactive: query.value.isInteractive ?? false,
      baseUrl: options.baseUrl(req),
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
