import type { ValidateFunction } from 'ajv';
import { decisionAt, decisionForViolation, type RuleSource } from '../decisions';
import type { OpenApiDocument } from '../document';
import { withoutWaived } from '../read-write-only';
import { responseFor, type OperationModel, type ResponseModel } from '../operation';
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
  readonly document: OpenApiDocument;
  readonly operation: OperationModel;
  /** The compiled schema at a JSON pointer of the OpenAPI document. */
  readonly validator: (pointer: string) => ValidateFunction;
  /**
   * A body as a message quotes it: cut to a bounded length (and, in the contract suite, redacted
   * after the cut is chosen). Checks judge the whole raw body; only what they write passes here.
   */
  readonly quote?: (text: string) => string;
}

/** Why an exchange breaks a rule, and where the rule comes from (`seed` unless a decision says otherwise). */
export interface Finding {
  readonly message: string;
  readonly source: RuleSource;
}

/** A check returns why the exchange breaks its rule, or undefined when it holds. */
export type Check = (exchange: Exchange, context: CheckContext) => Finding | string | undefined;

export interface CheckFailure {
  readonly check: string;
  readonly message: string;
  readonly source: RuleSource;
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

/**
 * Whether a received media type (`application/json`, parameters dropped, lower-cased) is one the
 * document lists: the same type whatever its case or parameters (`application/json; charset=utf-8`),
 * or a range (`application/*`, or any type).
 */
export function mediaTypeMatches(documented: string, received: string): boolean {
  const base = documented.split(';')[0]?.trim().toLowerCase() ?? '';
  if (base === '*/*' || base === received) return true;
  return base.endsWith('/*') && received.startsWith(base.slice(0, -1));
}

/** The documented media type a received one answers to: an exact one first, else a range. */
export function documentedMedia<T extends { mediaType: string }>(
  content: readonly T[],
  received: string,
): T | undefined {
  const exact = content.find((m) => (m.mediaType.split(';')[0]?.trim().toLowerCase() ?? '') === received);
  return exact ?? content.find((m) => mediaTypeMatches(m.mediaType, received));
}

/** An empty 401 with a challenge: what ASP.NET sends by default, and what the spec allows (D1). */
function isBareChallenge(exchange: Exchange): boolean {
  return (
    exchange.status === 401 &&
    exchange.text.trim() === '' &&
    exchange.headers['www-authenticate'] !== undefined
  );
}

/** The decision behind a response of the document (`401` is D1, `default` D7 ...), else the seed. */
function responseSource(context: CheckContext, response: ResponseModel | undefined): RuleSource {
  if (!response) return 'seed';
  return (
    decisionAt(context.document, `${context.operation.pointer}/responses/${String(response.key)}`) ?? 'seed'
  );
}

export const not_a_server_error: Check = (exchange, { operation }) =>
  exchange.status >= 500
    ? `${label(exchange)}: server error. Received: ${exchange.status}. Documented: ${documented(operation)}`
    : undefined;

export const status_code_conformance: Check = (exchange, { operation }) =>
  // An operation that documents no response (OpenAPI 3.1 allows it) leaves every status open.
  responseFor(operation, exchange.status) || operation.responses.size === 0
    ? undefined
    : `${label(exchange)}: undocumented status. Received: ${exchange.status}. Documented: ${documented(operation)}`;

export const content_type_conformance: Check = (exchange, context) => {
  const response = responseFor(context.operation, exchange.status);
  if (!response || response.content.length === 0 || isBareChallenge(exchange)) return undefined;
  const received = mediaTypeOf(exchange);
  const allowed = response.content.map((m) => m.mediaType);
  if (received !== undefined && allowed.some((m) => mediaTypeMatches(m, received))) return undefined;
  const responsePointer = `${context.operation.pointer}/responses/${String(response.key)}`;
  // The media types are a decision where the document marks them so (D8).
  const mediaDecision = response.content
    .map((m) =>
      decisionAt(
        context.document,
        `${responsePointer}/content/${m.mediaType.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      ),
    )
    .find((d) => d !== undefined);
  return {
    message: `${label(exchange)}: undocumented Content-Type for ${exchange.status}. Received: ${received ?? 'none'}. Documented: ${allowed.join(', ')}`,
    source: mediaDecision ?? responseSource(context, response),
  };
};

export const response_schema_conformance: Check = (exchange, context) => {
  const { operation, validator } = context;
  const response = responseFor(operation, exchange.status);
  const received = mediaTypeOf(exchange);
  const media = received === undefined ? undefined : documentedMedia(response?.content ?? [], received);
  if (!media?.schemaPointer || isBareChallenge(exchange)) return undefined;
  // A JSON Schema judges JSON and text, not an XML rendering of the value it describes.
  if (/[/+]xml$/i.test(received ?? '')) return undefined;
  const { schemaPointer } = media;
  if (received === 'text/event-stream')
    return eventStreamViolation(exchange, context, schemaPointer, response);
  let body: unknown = exchange.text;
  // JSON by what was received: the documented key may be a range (`*/*`) or carry parameters.
  if (/[/+]json$/i.test(received ?? '')) {
    try {
      body = JSON.parse(exchange.text);
    } catch {
      return {
        message: `${label(exchange)}: the ${exchange.status} body is not JSON. Received: ${(context.quote ?? truncate)(exchange.text)}`,
        source: responseSource(context, response),
      };
    }
  }
  const validate = validator(schemaPointer);
  if (validate(body)) return undefined;
  // An answer need not hold a `writeOnly` member, even one the schema requires.
  const errors = withoutWaived(context.document, validate.errors ?? [], 'writeOnly');
  if (errors.length === 0) return undefined;
  const violations = describeErrors(errors).map((v) => `${v.path || '(body)'} ${v.message}`);
  // Where every violation comes from one decision (a required member D4, a URL format D5), the
  // failure is that decision's; a violation of the seed's own shape makes it the seed's.
  const sources = new Set(
    errors.map((e) => decisionForViolation(context.document, schemaPointer, e.instancePath) ?? 'seed'),
  );
  const [only] = sources;
  return {
    message: `${label(exchange)}: the ${exchange.status} body does not match ${schemaPointer}. ${violations.join('; ')}. Received: ${(context.quote ?? truncate)(exchange.text)}`,
    source: sources.size === 1 && only !== undefined ? only : responseSource(context, response),
  };
};

/**
 * A stream of Server-Sent Events is judged event by event: the schema describes each event, as an
 * object of its fields (`data`, `event`, `id`, `retry`) or as its data (JSON, else the text).
 */
function eventStreamViolation(
  exchange: Exchange,
  context: CheckContext,
  schemaPointer: string,
  response: ResponseModel | undefined,
): Finding | undefined {
  const validate = context.validator(schemaPointer);
  const holds = (value: unknown): boolean =>
    validate(value) || withoutWaived(context.document, validate.errors ?? [], 'writeOnly').length === 0;
  const events = exchange.text.split(/\r?\n\r?\n/).filter((block) => block.trim() !== '');
  for (const [index, block] of events.entries()) {
    const fields: Record<string, string> = {};
    for (const line of block.split(/\r?\n/)) {
      const match = /^([^:]+): ?(.*)$/.exec(line);
      if (match?.[1] === undefined) continue;
      const [, name, value = ''] = match;
      fields[name] = name === 'data' && fields.data !== undefined ? `${fields.data}\n${value}` : value;
    }
    const data = fields.data ?? '';
    let parsed: unknown = data;
    try {
      parsed = JSON.parse(data);
    } catch {
      // The data is text.
    }
    const object = { ...fields, ...(fields.retry === undefined ? {} : { retry: Number(fields.retry) }) };
    if (holds(object) || holds(parsed) || holds(data)) continue;
    const violations = describeErrors(validate.errors).map((v) => `${v.path || '(event)'} ${v.message}`);
    return {
      message: `${label(exchange)}: event ${index + 1} of the ${exchange.status} stream does not match ${schemaPointer}. ${violations.join('; ')}. Received: ${(context.quote ?? truncate)(block)}`,
      source: responseSource(context, response),
    };
  }
  return undefined;
}

/**
 * Documented headers: each `required` one present, each present one valid against its schema; and
 * `WWW-Authenticate` on every 401, which RFC 9110 (section 15.5.2) requires of any server.
 */
export const response_headers_conformance: Check = (exchange, context) => {
  const response = responseFor(context.operation, exchange.status);
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = exchange.headers[name.toLowerCase()];
    return Array.isArray(raw) ? raw.join(', ') : raw;
  };
  for (const header of response?.headerModels ?? []) {
    // Content-Type is described by the content map, not as a header (OpenAPI 3.1, section 4.8.21).
    if (header.name.toLowerCase() === 'content-type') continue;
    const received = value(header.name);
    if (received === undefined) {
      if (header.required) problems.push(`the required header ${header.name} is missing`);
      continue;
    }
    if (header.schemaPointer === undefined) continue;
    const validate = context.validator(header.schemaPointer);
    const typed = /^-?\d+(\.\d+)?$/.test(received) && !validate(received) ? Number(received) : received;
    if (!validate(typed))
      problems.push(
        `${header.name} does not match ${header.schemaPointer}: ${describeErrors(validate.errors)
          .map((v) => v.message)
          .join('; ')}`,
      );
  }
  if (
    exchange.status === 401 &&
    value('WWW-Authenticate') === undefined &&
    !problems.some((p) => p.includes('WWW-Authenticate'))
  )
    problems.push('a 401 must carry WWW-Authenticate (RFC 9110, section 15.5.2)');
  if (problems.length === 0) return undefined;
  return {
    message: `${label(exchange)}: ${problems.join('; ')}. Received headers: ${Object.keys(exchange.headers).join(', ') || 'none'}`,
    source: responseSource(context, response),
  };
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
  response_headers_conformance,
  problem_status_consistency,
};

/** The same checks for an answer that is a 5xx on purpose (forced, or expected): all but `not_a_server_error`. */
export const CHECKS_WITHOUT_SERVER_ERROR: Readonly<Record<string, Check>> = Object.fromEntries(
  Object.entries(CONFORMANCE_CHECKS).filter(([name]) => name !== 'not_a_server_error'),
);

export function runChecks(
  exchange: Exchange,
  context: CheckContext,
  checks: Readonly<Record<string, Check>> = CONFORMANCE_CHECKS,
): CheckFailure[] {
  return Object.entries(checks).flatMap(([check, run]) => {
    const finding = run(exchange, context);
    if (finding === undefined) return [];
    return [
      typeof finding === 'string'
        ? { check, message: finding, source: 'seed' as const }
        : { check, ...finding },
    ];
  });
}

/** The quote of a body where the context brings none: its first characters. */
export const QUOTED_BODY_LENGTH = 300;

function truncate(text: string, max = QUOTED_BODY_LENGTH): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text || '(empty)';
}
