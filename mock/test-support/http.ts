import type { RequestListener } from 'node:http';
import request, { type Response } from 'supertest';
import type { OpenApiDocument } from '../../spec/document';
import {
  CHECKS_WITHOUT_SERVER_ERROR,
  CONFORMANCE_CHECKS,
  runChecks,
  type CheckContext,
  type Exchange,
} from '../../spec/conformance/checks';
import { createCheckContext } from '../../spec/conformance/check-context';

export const ENROLLMENT_PATH = '/v1/me/mfa-enrollment';
const checkContext = createCheckContext();

export function basic(username: string, password = 'correct horse'): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

export function bearer(token: string, applicationToken = 'app-token-1'): Record<string, string> {
  return { Authorization: `Bearer ${token}`, 'X-Application-Token': applicationToken };
}

/** An unsigned JWT (the mock reads claims without checking signatures). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export interface EnrollInput {
  readonly query?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The test asked for a 5xx (a forced response, a scenario): conformance apart from that. */
  readonly serverErrorExpected?: boolean;
}

/**
 * Calls the enrollment endpoint and fails the test unless the answer conforms to the spec (status,
 * media type, schema, problem status): the mock must never teach a frontend a shape the API lacks.
 */
export async function enroll(app: RequestListener, input: EnrollInput = {}): Promise<Response> {
  const url = input.query ? `${ENROLLMENT_PATH}?${input.query}` : ENROLLMENT_PATH;
  const res = await request(app)
    .post(url)
    .set(input.headers ?? {});
  expectConformant(
    { method: 'POST', url, status: res.status, headers: res.headers, text: res.text },
    input.serverErrorExpected,
  );
  return res;
}

export function expectConformant(
  exchange: Exchange,
  serverErrorExpected = false,
  context: CheckContext = checkContext,
): void {
  const checks = serverErrorExpected ? CHECKS_WITHOUT_SERVER_ERROR : CONFORMANCE_CHECKS;
  const failures = runChecks(exchange, context, checks);
  if (failures.length > 0) throw new Error(failures.map((f) => `${f.check}: ${f.message}`).join('\n'));
}

/** `expectConformant` for any operation of any document: `conformanceTo(document)(operationId, exchange)`. */
export function conformanceTo(document: OpenApiDocument) {
  const contexts = new Map<string, CheckContext>();
  return (operationId: string, res: Response, serverErrorExpected = false): void => {
    let context = contexts.get(operationId);
    if (!context) {
      context = createCheckContext(document, operationId);
      contexts.set(operationId, context);
    }
    const { method, url } = res.request as unknown as { method: string; url: string };
    const exchange = { method, url, status: res.status, headers: res.headers, text: res.text };
    expectConformant(exchange, serverErrorExpected, context);
  };
}

/** The problem body of a response, with a check that it is one. */
export function problemOf(res: Response): Record<string, unknown> {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(body.status).toBe(res.status);
  return body;
}
