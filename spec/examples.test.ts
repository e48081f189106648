import { loadSpec } from './document';
import { describeOperation } from './operation';
import { compileAt, createSpecAjv, describeErrors } from './schemas';
import { CREATE_MFA_ENROLLMENT } from './types';

const document = loadSpec();
const ajv = createSpecAjv(document);
const operation = describeOperation(document, CREATE_MFA_ENROLLMENT);

const media = [...operation.responses.values()].flatMap((response) =>
  response.content.map((m) => ({ key: response.key, ...m })),
);

describe('the examples', () => {
  it.each(media)('$key $mediaType has at least one example', ({ examples }) => {
    expect(examples.size).toBeGreaterThan(0);
  });

  const examples = media.flatMap(({ key, mediaType, schemaPointer, examples }) =>
    [...examples].map(([name, value]) => ({ key, mediaType, name, value, schemaPointer })),
  );

  it.each(examples)(
    '$key $mediaType example "$name" validates against its schema',
    ({ schemaPointer, value }) => {
      expect(schemaPointer).toBeDefined();
      const validate = compileAt(ajv, schemaPointer ?? '');
      validate(value);
      expect(describeErrors(validate.errors)).toEqual([]);
    },
  );

  it.each(examples.filter((e) => e.mediaType === 'application/problem+json'))(
    '$key example "$name" has a status that matches its response',
    ({ key, value }) => {
      const status = (value as { status?: unknown }).status;
      if (key === 'default') expect(status).toBeGreaterThanOrEqual(400);
      else expect(status).toBe(key);
    },
  );
});

describe('the schemas compiled from the document', () => {
  const ticket = compileAt(ajv, '#/components/schemas/MfaEnrollmentTicket');
  const problem = compileAt(ajv, '#/components/schemas/ProblemDetails');

  it.each([
    {
      body: { ticketId: 'a', emailSent: false, ticketUrl: 'not a url' },
      violation: 'ticketUrl: must match format "uri"',
    },
    { body: { ticketId: 'a', emailSent: null, ticketUrl: null }, violation: 'emailSent: must be boolean' },
    { body: { ticketId: 'a', emailSent: true }, violation: 'ticketUrl: is required' },
  ])('reject a ticket whose $violation', ({ body, violation }) => {
    expect(ticket(body)).toBe(false);
    expect(describeErrors(ticket.errors).map((v) => `${v.path}: ${v.message}`)).toContain(violation);
  });

  it.each([2 ** 31, 400.5, '400'])('reject a problem whose status is %p (not an int32)', (status) => {
    expect(problem({ status })).toBe(false);
  });

  it('accept a problem with extension members and every member null', () => {
    expect(
      problem({ type: null, title: null, status: null, detail: null, instance: null, traceId: 'x' }),
    ).toBe(true);
  });
});
