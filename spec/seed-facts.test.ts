import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadSpec, resolvePointer } from './document';
import { describeOperation, type ResponseKey } from './operation';
import { CREATE_MFA_ENROLLMENT } from './types';

const document = loadSpec();
const operation = describeOperation(document, CREATE_MFA_ENROLLMENT);
const seed = readFileSync(path.join(__dirname, 'seed', '000_9418cad222077745.txt'), 'utf8');

type Schema = OpenAPIV3_1.SchemaObject;
const schemaAt = (pointer: string): Schema => resolvePointer(document, pointer) as Schema;
const mediaOf = (key: ResponseKey) => operation.responses.get(key)?.content ?? [];

describe('the operation', () => {
  it('is POST /v1/me/mfa-enrollment named CreateMfaEnrollment', () => {
    expect(operation).toMatchObject({
      method: 'POST',
      path: '/v1/me/mfa-enrollment',
      operationId: 'CreateMfaEnrollment',
    });
  });

  it("carries the seed's summary", () => {
    const summary = document.paths?.['/v1/me/mfa-enrollment']?.post?.summary;
    expect(summary).toBe('Creates an MFA enrollment for the current user');
    expect(seed).toContain(summary);
  });

  it('documents exactly the responses 200, 400, 401, 404 and default', () => {
    expect([...operation.responses.keys()]).toEqual([200, 400, 401, 404, 'default']);
  });
});

describe('the query parameters', () => {
  it.each([
    { name: 'factor', type: 'string', defaultValue: undefined },
    { name: 'isInteractive', type: 'boolean', defaultValue: false },
  ])('$name is an optional $type query parameter (default $defaultValue)', ({ name, type, defaultValue }) => {
    const parameter = operation.parameters.find((p) => p.name === name);
    expect(parameter).toMatchObject({ in: 'query', required: false });
    expect(parameter?.schema.type).toBe(type);
    expect(parameter?.schema.default).toBe(defaultValue);
  });

  it('are only factor and isInteractive', () => {
    expect(operation.parameters.map((p) => p.name)).toEqual(['factor', 'isInteractive']);
  });

  it.each(['Factor', 'IsInteractive'])("%s carries the seed's description word for word", (name) => {
    const description = (
      resolvePointer(document, `#/components/parameters/${name}`) as { description: string }
    ).description;
    expect(seed).toContain(description);
  });

  it('factor lists the factors the kit decided on, otp among them as the seed shows', () => {
    expect(schemaAt('#/components/schemas/MfaFactor').enum).toEqual([
      'otp',
      'push-notification',
      'phone',
      'email',
      'webauthn-roaming',
      'webauthn-platform',
    ]);
  });
});

describe('the 200 response', () => {
  const ticket = schemaAt('#/components/schemas/MfaEnrollmentTicket');
  const property = (name: string) => ticket.properties?.[name] as Schema;

  it('is application/json with the MfaEnrollmentTicket schema', () => {
    expect(mediaOf(200).map((m) => [m.mediaType, m.schemaPointer])).toEqual([
      ['application/json', '#/components/schemas/MfaEnrollmentTicket'],
    ]);
  });

  it.each([
    { name: 'emailSent', type: 'boolean' },
    { name: 'ticketId', type: ['string', 'null'] },
    { name: 'ticketUrl', type: ['string', 'null'] },
  ])('has $name of type $type', ({ name, type }) => {
    expect(property(name).type).toEqual(type);
  });

  it('has no other properties, and requires all three', () => {
    expect(Object.keys(ticket.properties ?? {}).sort()).toEqual(['emailSent', 'ticketId', 'ticketUrl']);
    expect([...(ticket.required ?? [])].sort()).toEqual(['emailSent', 'ticketId', 'ticketUrl']);
  });

  it('gives ticketUrl the uri format', () => {
    expect(property('ticketUrl').format).toBe('uri');
  });

  it.each(['emailSent', 'ticketId', 'ticketUrl'])("describes %s in the seed's words", (name) => {
    expect(seed).toContain(property(name).description);
  });
});

describe('the problem details', () => {
  const problem = schemaAt('#/components/schemas/ProblemDetails');

  it.each([400, 401, 404, 'default'] as const)(
    '%s is application/problem+json with ProblemDetails',
    (key) => {
      expect(mediaOf(key).map((m) => [m.mediaType, m.schemaPointer])).toEqual([
        ['application/problem+json', '#/components/schemas/ProblemDetails'],
      ]);
    },
  );

  it.each(['type', 'title', 'detail', 'instance'])('has %s as a nullable string', (name) => {
    expect((problem.properties?.[name] as Schema).type).toEqual(['string', 'null']);
  });

  it('has status as a nullable int32 integer', () => {
    expect(problem.properties?.status).toEqual({ type: ['integer', 'null'], format: 'int32' });
  });

  it('requires nothing and allows extension members', () => {
    expect(problem.required).toBeUndefined();
    expect(problem.additionalProperties).toBe(true);
  });

  it('documents WWW-Authenticate on 401', () => {
    expect(operation.responses.get(401)?.headers).toEqual(['WWW-Authenticate']);
  });
});

describe('security', () => {
  it('is (Bearer and ApplicationToken) or Basic, as the seed lists', () => {
    expect(operation.security.map((alternative) => alternative.map((scheme) => scheme.name))).toEqual([
      ['Bearer', 'ApplicationToken'],
      ['Basic'],
    ]);
    expect(seed).toMatch(/- Bearer and ApplicationToken\n- Basic/);
  });

  it('defines Bearer and Basic as HTTP schemes and the application token as the X-Application-Token header', () => {
    expect(operation.security.flat()).toEqual([
      { name: 'Bearer', kind: 'bearer' },
      { name: 'ApplicationToken', kind: 'apiKey', in: 'header', key: 'X-Application-Token' },
      { name: 'Basic', kind: 'basic' },
    ]);
  });
});
