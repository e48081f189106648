import {
  CREATE_MFA_ENROLLMENT,
  MFA_FACTORS,
  type MfaEnrollmentTicket,
  type MfaFactor,
} from '../../../spec/types';
import type { Behaviour, OperationRequest } from '../../engine/behaviour';
import { problem, type Problem } from '../../http/problems';
import { uuidFrom, type RandomSource } from '../../random';
import type { Enrollments } from './enrollments';
import { ticketUrlOf, type Ticket } from './tickets';

/**
 * `POST /v1/me/mfa-enrollment` as the seed describes it: a ticket for the current user, whose link
 * is returned (`isInteractive=true`) or emailed (otherwise); 404 when the user does not exist. The
 * engine has authenticated and validated the request and found nothing forcing another answer.
 * @see spec/nexus.openapi.yaml#/paths/~1v1~1me~1mfa-enrollment/post
 */
export function enrollmentBehaviour(options: {
  readonly enrollments: Enrollments;
  readonly random: RandomSource;
}): Behaviour {
  return {
    operationId: CREATE_MFA_ENROLLMENT,

    async handle(request) {
      const userId = userOf(request);
      const { factor, interactive } = enrollmentQuery(request);
      const outcome = await options.enrollments.enroll({
        session: request.context.session,
        userId,
        factor,
        interactive,
        baseUrl: request.baseUrl,
      });
      if (outcome.kind === 'user-not-found') {
        return { status: 404, body: userNotFound(userId), decision: 'user:not-found' };
      }
      return { status: 200, body: ticketAnswer(outcome.ticket), decision: 'ticket:created' };
    },

    // A forced 200 looks like the answer this request would get, a forced 404 names its user.
    imitate(status, request, n) {
      const { session } = request.context;
      if (status === 404) return userNotFound(userOf(request));
      if (status !== 200) return undefined;
      const ticketId = uuidFrom(options.random.bytes16(`forced:${session}:${n}`));
      return ticketAnswer({ ticketId, session, baseUrl: request.baseUrl, ...enrollmentQuery(request) });
    },
  };
}

/** The 200 body for a ticket: the link when it is interactive, else the news that it was emailed. */
function ticketAnswer(
  ticket: Pick<Ticket, 'ticketId' | 'session' | 'baseUrl' | 'interactive'>,
): MfaEnrollmentTicket {
  return {
    ticketId: ticket.ticketId,
    emailSent: !ticket.interactive,
    ticketUrl: ticket.interactive ? ticketUrlOf(ticket) : null,
  };
}

function userNotFound(userId: string): Problem {
  return problem('user-not-found', { detail: `The user '${userId}' does not exist.` });
}

/** The validated query: `factor` is one of the documented factors or absent; `isInteractive` defaults to false. */
function enrollmentQuery(request: OperationRequest): { factor: MfaFactor | null; interactive: boolean } {
  const { factor, isInteractive } = request.params.query;
  return {
    factor: MFA_FACTORS.find((f) => f === factor) ?? null,
    interactive: isInteractive === true,
  };
}

/** The operation is secured by schemes that all name a user (D12: the 404 is about that user). */
function userOf(request: OperationRequest): string {
  if (request.userId === undefined) throw new Error(`${CREATE_MFA_ENROLLMENT} reached without a user`);
  return request.userId;
}
