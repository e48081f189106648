import { STATUS_CODES } from 'node:http';
import type { ProblemDetails } from '../../spec/types';

/**
 * The catalogue of every problem the mock can send. Each body is `application/problem+json`
 * (RFC 9457) whose `status` equals the HTTP status, with the catalogue code as the `code` member.
 * @see spec/nexus.openapi.yaml#/components/schemas/ProblemDetails
 */
export const PROBLEMS = {
  'invalid-query-parameters': { status: 400, title: 'One or more query parameters are invalid.' },
  'invalid-request': { status: 400, title: 'One or more parts of the request are invalid.' },
  'invalid-prefer': { status: 400, title: 'The Prefer header asks for something the mock cannot serve.' },
  'invalid-json-body': { status: 400, title: 'The request body is not valid JSON.' },
  'invalid-admin-request': { status: 400, title: 'The request is invalid.' },
  'invalid-scenario': { status: 400, title: 'The scenario is invalid.' },
  'invalid-session': { status: 400, title: 'The session name is unusable.' },
  'malformed-request': { status: 400, title: 'The request is malformed.' },
  unauthorized: { status: 401, title: 'Authentication is required.' },
  'admin-token-required': { status: 401, title: 'The admin API requires the admin token.' },
  'cors-origin-denied': { status: 403, title: 'This origin may not call the mock.' },
  'cross-origin-write': { status: 403, title: 'Another origin may not change the mock’s state.' },
  'user-not-found': { status: 404, title: 'User not found.' },
  'ticket-not-found': { status: 404, title: 'Ticket not found.' },
  'scenario-not-found': { status: 404, title: 'Scenario not found.' },
  'route-not-found': { status: 404, title: 'No such route.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed.' },
  'not-acceptable': { status: 406, title: 'No acceptable representation.' },
  'request-timeout': { status: 408, title: 'The request took too long to arrive.' },
  'ticket-not-pending': { status: 409, title: 'The ticket is not pending.' },
  'too-many-scenarios': { status: 409, title: 'The session holds too many scenarios.' },
  'payload-too-large': { status: 413, title: 'The request body is too large.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type.' },
  'host-not-allowed': { status: 421, title: 'The mock does not answer to this Host.' },
  'header-fields-too-large': { status: 431, title: 'The request headers are too large.' },
  'internal-error': { status: 500, title: 'The mock failed unexpectedly.' },
  'no-success-response': { status: 501, title: 'The document gives this operation no success response.' },
  'store-unavailable': { status: 503, title: 'The mock’s store is unavailable.' },
  'too-many-streams': { status: 503, title: 'Too many event streams are open.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** A problem body: the five RFC 9457 members, set, plus the catalogue code and any extensions. */
export type Problem = ProblemDetails & {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
};

export interface ProblemInit {
  readonly detail: string;
  readonly instance?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export function problem(code: ProblemCode, init: ProblemInit): Problem {
  const { status, title } = PROBLEMS[code];
  return problemBody(status, title, code, init);
}

/** A problem for a bare HTTP status (a forced response, an error thrown by a library). */
export function statusProblem(
  status: number,
  init: ProblemInit & { title?: string; code?: string },
): Problem {
  return problemBody(
    status,
    init.title ?? `${STATUS_CODES[status] ?? 'Error'}.`,
    init.code ?? `http-${status}`,
    init,
  );
}

function problemBody(status: number, title: string, code: string, init: ProblemInit): Problem {
  return {
    type: problemType(status),
    title,
    status,
    detail: init.detail,
    instance: init.instance ?? null,
    code,
    ...init.extensions,
  };
}

/** An error a handler throws to answer with a problem; the error handler turns it into the response. */
export class HttpProblem extends Error {
  constructor(
    readonly body: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.detail);
    this.name = 'HttpProblem';
  }

  static of(code: ProblemCode, detail: string, headers?: Record<string, string>): HttpProblem {
    return new HttpProblem(problem(code, { detail }), headers);
  }
}

export function ticketNotFound(ticketId: string, session: string): HttpProblem {
  return HttpProblem.of('ticket-not-found', `No ticket ${ticketId} in session '${session}'.`);
}

/**
 * The `type` URI of a status, as ASP.NET (and so, likely, Nexus) sends it: the RFC section that
 * defines the status, or `about:blank` (RFC 9457 section 4.2.1) where there is none.
 */
export function problemType(status: number): string {
  const rfc9110 = RFC9110_SECTIONS[status];
  if (rfc9110) return `https://tools.ietf.org/html/rfc9110#section-${rfc9110}`;
  const rfc6585 = RFC6585_SECTIONS[status];
  if (rfc6585) return `https://tools.ietf.org/html/rfc6585#section-${rfc6585}`;
  return 'about:blank';
}

const RFC9110_SECTIONS: Partial<Record<number, string>> = {
  ...Object.fromEntries(
    [
      400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422,
      426,
    ].map((status, i) => [status, `15.5.${i + 1}`]),
  ),
  ...Object.fromEntries([500, 501, 502, 503, 504, 505].map((status, i) => [status, `15.6.${i + 1}`])),
};

const RFC6585_SECTIONS: Partial<Record<number, string>> = { 428: '3', 429: '4', 431: '5', 511: '6' };
