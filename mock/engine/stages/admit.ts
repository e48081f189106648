import { readBody } from '../../http/read-body';
import type { ParameterValues } from '../behaviour';
import { identify } from '../identity';
import { describeViolations, type RequestViolation } from '../validate/violations';
import { refuse, type Exchange } from './exchange';

/** What a request that passed security and validation carries on. */
export interface Admitted {
  readonly userId: string | undefined;
  readonly params: ParameterValues;
  readonly body: unknown;
}

/**
 * Security, then the body's arrival, then validation of every parameter and the body: the stages
 * that refuse a request (401, 413, 415, 400). Undefined when the request was refused (answered) or
 * its client went away.
 */
export async function admit(exchange: Exchange): Promise<Admitted | undefined> {
  const { req, context, stages } = exchange;
  const auth = stages.authenticate({ headers: req.headers, query: context.query });
  const identity = !auth.ok ? auth : auth.principal ? identify(auth.principal) : ANONYMOUS;
  if (!identity.ok) {
    const challenge = { 'WWW-Authenticate': stages.challenge };
    refuse(exchange, `auth:${identity.reason}`, 'unauthorized', { detail: identity.detail }, challenge);
    return undefined;
  }
  context.userId = identity.userId;
  if (auth.ok && auth.note !== undefined) context.authNote = auth.note;

  const pending = readBody(req);
  const read = pending instanceof Promise ? await pending : pending;
  if (!read.ok) {
    if (read.reason === 'too-large') {
      const detail = 'The request body is larger than the mock accepts (1 MiB).';
      refuse(exchange, 'body:too-large', 'payload-too-large', { detail }, { Connection: 'close' });
    }
    return undefined;
  }
  const parameters = stages.validateParameters({
    pathParams: exchange.pathParams,
    query: context.query as Record<string, string | string[]>,
    headers: req.headers,
  });
  const body =
    encoded(req.headers['content-encoding'], read.body) ??
    stages.validateBody(req.headers['content-type'], read.body);
  if (!body.ok && body.status === 415) {
    // Every violation in one answer: the parameters' too, though the media type decides the status.
    const violations = [...body.violations, ...(parameters.ok ? [] : parameters.violations)];
    const init = { detail: describeViolations(violations), extensions: { errors: violations } };
    refuse(exchange, 'validation', 'unsupported-media-type', init);
    return undefined;
  }
  if (!parameters.ok || !body.ok) {
    const violations: RequestViolation[] = [
      ...(parameters.ok ? [] : parameters.violations),
      ...(body.ok ? [] : body.violations),
    ];
    // The seed's own 400 is about query parameters; other requests are invalid in other parts.
    const code = violations.every((v) => v.in === 'query') ? 'invalid-query-parameters' : 'invalid-request';
    const init = { detail: describeViolations(violations), extensions: { errors: violations } };
    refuse(exchange, 'validation', code, init);
    return undefined;
  }
  return { userId: identity.userId, params: parameters.values, body: body.value };
}

const ANONYMOUS = { ok: true, userId: undefined } as const;

/**
 * A body sent compressed (`Content-Encoding: gzip`) is refused with 415, as RFC 9110 section 15.5.16
 * says, rather than read as if it were plain: the mock decodes none.
 */
function encoded(encoding: string | undefined, body: Buffer) {
  if (encoding === undefined || body.length === 0 || encoding.trim().toLowerCase() === 'identity')
    return undefined;
  const message = `is sent with Content-Encoding ${encoding.slice(0, 40)}, which the mock does not decode; send it unencoded`;
  return { ok: false, status: 415, violations: [{ in: 'body', name: '', message }] } as const;
}
