import { faker } from '@faker-js/faker/locale/en';
import type { OpenApiDocument } from '../../spec/document';
import { responseFor, type OperationModel, type ResponseKey } from '../../spec/operation';
import type { MfaEnrollmentTicket } from '../../spec/types';
import { describePreferences, type Preferences } from './prefer';
import { problem, statusProblem } from '../http/problems';
import { uuidFrom, type RandomSource } from '../random';
import { fakeFromSchema } from './schema-faker';

/** A response chosen by the client (Prefer) or a scenario rather than by the mock's state. */
export interface ForcedChoice {
  readonly status: number;
  readonly example?: string;
  readonly dynamic?: boolean;
}

export interface ForcedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What the request says about itself, for a body that looks like the real answer to it. */
export interface ForcedRequest {
  readonly session: string;
  readonly userId: string;
  readonly interactive: boolean;
  readonly instance: string;
  readonly traceId: string;
  readonly ticketUrl: (ticketId: string) => string;
}

export interface ResponseForcerOptions {
  readonly document: OpenApiDocument;
  readonly operation: OperationModel;
  readonly random: RandomSource;
  /** The WWW-Authenticate value a forced 401 carries. */
  readonly challenge: string;
}

export type Resolution =
  | { readonly ok: true; readonly choice: ForcedChoice; readonly decision: string }
  | { readonly ok: false; readonly detail: string };

/**
 * Serves any documented response on demand, with a body that validates against the spec: a named
 * example, one generated from the schema, or (by default) a realistic one. A status without a
 * response of its own is served from `default`. Forced responses never touch the mock's state.
 */
export function createResponseForcer(options: ResponseForcerOptions) {
  const { document, operation, random } = options;
  const examples = [...operation.responses.values()].flatMap((response) =>
    response.content.flatMap((media) =>
      [...media.examples].map(([name, value]) => ({ name, key: response.key, value })),
    ),
  );
  let sequence = 0;

  /** Turns preferences into a choice, or says (for a 400) what is allowed. */
  function resolve(preferences: Preferences): Resolution {
    const { code, example, dynamic } = preferences;
    if (code !== undefined && !/^[1-5]\d\d$/.test(code)) {
      return { ok: false, detail: `Prefer code=${code} is not an HTTP status. Allowed: ${allowedCodes()}.` };
    }
    const status = code === undefined ? undefined : Number(code);
    if (status !== undefined && !isServable(status)) {
      return {
        ok: false,
        detail: `Prefer code=${code} is not documented for this operation. Allowed: ${allowedCodes()}.`,
      };
    }
    if (dynamic !== undefined && dynamic !== 'true' && dynamic !== 'false') {
      return { ok: false, detail: `Prefer dynamic=${dynamic} must be true or false.` };
    }
    if (example !== undefined) {
      const candidates = examples.filter(
        (e) => e.name === example && (status === undefined || responseFor(operation, status)?.key === e.key),
      );
      const found = candidates[0];
      if (!found) {
        const names = examples.map((e) => `${e.name} (${String(e.key)})`).join(', ');
        return {
          ok: false,
          detail: `Prefer example=${example} names no example${status === undefined ? '' : ` of ${status}`}. Examples: ${names}.`,
        };
      }
      if (dynamic === 'true')
        return { ok: false, detail: 'Prefer example and dynamic=true cannot be combined: pick one.' };
      return {
        ok: true,
        choice: { status: status ?? statusOfExample(found), example },
        decision: `prefer:${describePreferences(preferences)}`,
      };
    }
    if (status === undefined && dynamic !== 'true')
      return { ok: false, detail: `Prefer dynamic=${dynamic ?? ''} needs a code or an example to act on.` };
    return {
      ok: true,
      choice: { status: status ?? 200, dynamic: dynamic === 'true' },
      decision: `prefer:${describePreferences(preferences)}`,
    };
  }

  /** Why a choice (a scenario's status, example, dynamic) cannot be served, or undefined when it can. */
  function explain(choice: {
    status?: number;
    example?: string;
    dynamic?: boolean;
  }): { field: string; message: string } | undefined {
    if (choice.status === undefined) {
      return choice.example !== undefined || choice.dynamic !== undefined
        ? { field: 'status', message: 'is required with example or dynamic' }
        : undefined;
    }
    if (!isServable(choice.status)) {
      return {
        field: 'status',
        message: `${choice.status} has no documented response. Allowed: ${allowedCodes()}`,
      };
    }
    if (choice.example !== undefined) {
      if (choice.dynamic === true) return { field: 'dynamic', message: 'cannot be combined with example' };
      const key = responseFor(operation, choice.status)?.key;
      const own = examples.filter((e) => e.key === key).map((e) => e.name);
      if (!own.includes(choice.example)) {
        return {
          field: 'example',
          message: `names no example of ${choice.status}. Examples of ${choice.status}: ${own.join(', ') || 'none'}`,
        };
      }
    }
    return undefined;
  }

  function render(choice: ForcedChoice, request: ForcedRequest): ForcedResponse {
    const response = responseFor(operation, choice.status);
    const media = response?.content[0];
    if (!response || !media) throw new Error(`No documented response for ${choice.status}`);
    const isProblem = media.mediaType.endsWith('problem+json');
    const n = ++sequence;
    let body: unknown;
    if (choice.example !== undefined) {
      body = media.examples.get(choice.example);
    } else if (choice.dynamic === true) {
      faker.seed(random.int(`dynamic:${request.session}:${n}`));
      body = fakeFromSchema(document, { $ref: media.schemaPointer }, faker);
    } else {
      body = realistic(choice.status, response.key, media.examples.values().next().value, request, n);
    }
    if (isProblem && typeof body === 'object' && body !== null) body = { ...body, status: choice.status };
    const headers: Record<string, string> = {};
    if (choice.status === 401) headers['WWW-Authenticate'] = options.challenge;
    if (choice.status === 429 || choice.status === 503) headers['Retry-After'] = '1';
    return { status: choice.status, contentType: `${media.mediaType}; charset=utf-8`, headers, body };
  }

  /** What the real mock would say: a ticket shaped by the request, or the problem the mock would send. */
  function realistic(
    status: number,
    key: ResponseKey,
    firstExample: unknown,
    request: ForcedRequest,
    n: number,
  ): unknown {
    const context = { instance: request.instance, extensions: { traceId: request.traceId } };
    if (status === 200) {
      const ticketId = uuidFrom(random.bytes16(`forced:${request.session}:${n}`));
      const ticket: MfaEnrollmentTicket = {
        ticketId,
        emailSent: !request.interactive,
        ticketUrl: request.interactive ? request.ticketUrl(ticketId) : null,
      };
      return ticket;
    }
    if (status === 401)
      return problem('unauthorized', {
        ...context,
        detail: 'The credentials were refused (forced response).',
      });
    if (status === 404)
      return problem('user-not-found', {
        ...context,
        detail: `The user '${request.userId}' does not exist.`,
      });
    const example = firstExample as { status?: unknown } | undefined;
    if (key !== 'default' || example?.status === status)
      return { ...example, instance: request.instance, traceId: request.traceId };
    return statusProblem(status, { ...context, detail: `The server answered ${status} (forced response).` });
  }

  function isServable(status: number): boolean {
    return responseFor(operation, status) !== undefined;
  }

  function allowedCodes(): string {
    const own = [...operation.responses.keys()].filter((k) => k !== 'default');
    return operation.responses.has('default')
      ? `${own.join(', ')}, or any other 4xx/5xx status (the default response)`
      : own.join(', ');
  }

  /** A `default` example says its status in its body (a problem's `status`); others are their response's. */
  function statusOfExample({ key, value }: { key: ResponseKey; value: unknown }): number {
    if (key !== 'default') return key;
    const status = (value as { status?: unknown } | undefined)?.status;
    return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
  }

  return { resolve, explain, render };
}

export type ResponseForcer = ReturnType<typeof createResponseForcer>;
