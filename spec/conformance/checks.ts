import type { ValidateFunction } from 'ajv';
import { responseFor, type OperationModel } from '../operation';
import { describeErrors } from '../schemas';

/** One request and the response it got, as the checks see it. */
export interface Exchange {
  readonly method: string;
  /** Path and query as sent, for messages: `/v1/me/mfa-enrollment?isInteractive=maybe`. */
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body ('' when there is none). */
  readonly text: string;
}

export interface CheckContext {
  readonly operation: OperationModel;
  /** The compiled schema at a JSON pointer of the OpenAPI document. */
  readonly validator: (pointer: string) => ValidateFunction;
}

/** A check returns why the exchange breaks its rule, or undefined when it holds. */
export type Check = (exchange: Exchange, context: CheckContext) => string | undefined;

export interface CheckFailure {
  readonly check: string;
  readonly message: string;
}

/** `POST /v1/me/mfa-enrollment?isInteractive=maybe` */
export function label(exchange: Pick<Exchange, 'method' | 'url'>): string {
  return `${exchange.method} ${exchange.url}`;
}

function documented(operation: OperationModel): string {
  return [...operation.responses.keys()].join(', ');
}

/** `application/problem+json; charset=utf-8` → `application/problem+json` */
export function mediaTypeOf(exchange: Exchange): string | undefined {
  const header = exchange.headers['content-type'];
  const value = Array.isArray(header) ? header[0] : header;
  const mediaType = value?.split(';')[0]?.trim().toLowerCase();
  return mediaType === '' ? undefined : mediaType;
}

/** An empty 401 with a challenge: what ASP.NET sends by default, and what the spec allows (D1). */
function isBareChallenge(exchange: Exchange): boolean {
  return (
    exchange.status === 401 &&
    exchange.text.trim() === '' &&
    exchange.headers['www-authenticate'] !== undefined
  );
}

export const not_a_server_error: Check = (exchange, { operation }) =>
  exchange.status >= 500
    ? `${label(exchange)}: server error. Received: ${exchange.status}. Documented: ${documented(operation)}`
    : undefined;

export const status_code_conformance: Check = (exchange, { operation }) =>
  responseFor(operation, exchange.status)
    ? undefined
    : `${label(exchange)}: undocumented status. Received: ${exchange.status}. Documented: ${documented(operation)}`;

export const content_type_conformance: Check = (exchange, { operation }) => {
  const response = responseFor(operation, exchange.status);
  if (!response || response.content.length === 0 || isBareChallenge(exchange)) return undefined;
  const received = mediaTypeOf(exchange);
  const allowed = response.content.map((m) => m.mediaType);
  if (received !== undefined && allowed.some((m) => m.toLowerCase() === received)) return undefined;
  return `${label(exchange)}: undocumented Content-Type for ${exchange.status}. Received: ${received ?? 'none'}. Documented: ${allowed.join(', ')}`;
};

export const response_schema_conformance: Check = (exchange, { operation, validator }) => {
  const response = responseFor(operation, exchange.status);
  const media = response?.content.find((m) => m.mediaType.toLowerCase() === mediaTypeOf(exchange));
  if (!media?.schemaPointer || isBareChallenge(exchange)) return undefined;
  const { schemaPointer } = media;
  let body: unknown = exchange.text;
  if (/[/+]json$/i.test(media.mediaType)) {
    try {
      body = JSON.parse(exchange.text);
    } catch {
      return `${label(exchange)}: the ${exchange.status} body is not JSON. Received: ${truncate(exchange.text)}`;
    }
  }
  const validate = validator(schemaPointer);
  if (validate(body)) return undefined;
  const violations = describeErrors(validate.errors).map((v) => `${v.path || '(body)'} ${v.message}`);
  return `${label(exchange)}: the ${exchange.status} body does not match ${schemaPointer}. ${violations.join('; ')}. Received: ${truncate(exchange.text)}`;
};

export const problem_status_consistency: Check = (exchange) => {
  if (!mediaTypeOf(exchange)?.endsWith('problem+json')) return undefined;
  let status: unknown;
  try {
    status = (JSON.parse(exchange.text) as { status?: unknown } | null)?.status;
  } catch {
    return undefined; // response_schema_conformance reports the body itself
  }
  if (status === undefined || status === null || status === exchange.status) return undefined;
  return `${label(exchange)}: problem details disagree with the response. Received: HTTP ${exchange.status} with "status": ${JSON.stringify(status)}`;
};

/** The checks every response of the operation must pass, whatever was asked. */
export const CONFORMANCE_CHECKS: Readonly<Record<string, Check>> = {
  not_a_server_error,
  status_code_conformance,
  content_type_conformance,
  response_schema_conformance,
  problem_status_consistency,
};

export function runChecks(
  exchange: Exchange,
  context: CheckContext,
  checks: Readonly<Record<string, Check>> = CONFORMANCE_CHECKS,
): CheckFailure[] {
  return Object.entries(checks).flatMap(([check, run]) => {
    const message = run(exchange, context);
    return message === undefined ? [] : [{ check, message }];
  });
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text || '(empty)';
}
