import type { Answer, Auth, CaseContext, ContractCase } from '../case';
import { expectInteractiveTicket, expectStatus } from '../expect';

const CHECK = 'ignored_auth';
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/**
 * A case that sends these headers and expects 401. Real credentials are used where they help: a real
 * bearer token without its application token must still be refused.
 */
function refused(
  id: string,
  title: string,
  headers: (context: CaseContext) => Record<string, string>,
): ContractCase {
  return {
    id: `auth.${id}`,
    group: 'auth',
    title: `refuses ${title} with 401`,
    needs: [],
    run: async (context: CaseContext) => {
      const answer = await context.enroll('isInteractive=true', { headers: headers(context) });
      expectStatus(answer, 401, CHECK, `${title} must be refused`);
    },
  };
}

/** A scheme alone must be accepted, and the answer must be the real thing (not a default ticket). */
function accepted(id: string, title: string, auth: Auth, need: 'bearer' | 'basic'): ContractCase {
  return {
    id: `auth.${id}`,
    group: 'auth',
    title: `accepts ${title}`,
    needs: [need],
    run: async ({ enroll }) => {
      const answer: Answer = await enroll('isInteractive=true', auth);
      expectStatus(answer, 200, CHECK, `${title} must be accepted`);
      expectInteractiveTicket(answer);
    },
  };
}

/** Checks that need credentials the target really verifies; opt-in, since a mock accepts any. */
function wrong(
  id: string,
  title: string,
  need: 'bearer' | 'basic',
  headers: (context: CaseContext) => Record<string, string>,
): ContractCase {
  return { ...refused(id, title, headers), needs: [need, 'credential-check'], profiles: ['full', 'proxied'] };
}

export const authCases: readonly ContractCase[] = [
  refused('no-credentials', 'a request without credentials', () => ({})),
  refused(
    'bearer-without-application-token',
    'a bearer token without the application token',
    ({ bearerOrStandIn }) => ({
      Authorization: `Bearer ${bearerOrStandIn.token}`,
    }),
  ),
  refused(
    'application-token-without-bearer',
    'an application token without a bearer token',
    ({ bearerOrStandIn, applicationTokenHeader }) => ({
      [applicationTokenHeader]: bearerOrStandIn.applicationToken,
    }),
  ),
  refused('empty-bearer-token', 'an empty bearer token', ({ bearerOrStandIn, applicationTokenHeader }) => ({
    Authorization: 'Bearer ',
    [applicationTokenHeader]: bearerOrStandIn.applicationToken,
  })),
  refused(
    'empty-application-token',
    'an empty application token',
    ({ bearerOrStandIn, applicationTokenHeader }) => ({
      Authorization: `Bearer ${bearerOrStandIn.token}`,
      [applicationTokenHeader]: '',
    }),
  ),
  refused(
    'unknown-scheme',
    'an Authorization scheme the spec does not name',
    ({ bearerOrStandIn, applicationTokenHeader }) => ({
      Authorization: `Token ${bearerOrStandIn.token}`,
      [applicationTokenHeader]: bearerOrStandIn.applicationToken,
    }),
  ),
  refused('malformed-basic', 'Basic credentials that are not base64', () => ({
    Authorization: 'Basic %%not*base64%%',
  })),
  refused('basic-without-password', 'Basic credentials without a password', ({ basicOrStandIn }) => ({
    Authorization: `Basic ${base64(basicOrStandIn.username)}`,
  })),
  {
    ...refused('basic-empty-password', 'Basic credentials with an empty password', ({ basicOrStandIn }) => ({
      Authorization: `Basic ${base64(`${basicOrStandIn.username}:`)}`,
    })),
    // RFC 7617 allows an empty password on the wire, and Prism accepts one; Nexus must not.
    profiles: ['full', 'proxied'],
  },
  {
    ...refused('basic-empty-username', 'Basic credentials with an empty user name', ({ basicOrStandIn }) => ({
      Authorization: `Basic ${base64(`:${basicOrStandIn.password}`)}`,
    })),
    profiles: ['full', 'proxied'],
  },
  wrong('wrong-basic-password', 'the Basic user with a wrong password', 'basic', ({ basicOrStandIn }) => ({
    Authorization: `Basic ${base64(`${basicOrStandIn.username}:${basicOrStandIn.password}-wrong`)}`,
  })),
  wrong(
    'wrong-bearer-token',
    'a bearer token that was tampered with',
    'bearer',
    ({ bearerOrStandIn, applicationTokenHeader }) => ({
      Authorization: `Bearer ${bearerOrStandIn.token}tampered`,
      [applicationTokenHeader]: bearerOrStandIn.applicationToken,
    }),
  ),
  wrong(
    'wrong-application-token',
    'an unknown application token',
    'bearer',
    ({ bearerOrStandIn, applicationTokenHeader }) => ({
      Authorization: `Bearer ${bearerOrStandIn.token}`,
      [applicationTokenHeader]: `${bearerOrStandIn.applicationToken}-unknown`,
    }),
  ),
  accepted('bearer-accepted', 'a bearer token with the application token', 'bearer', 'bearer'),
  accepted('basic-accepted', 'HTTP Basic credentials alone', 'basic', 'basic'),
];
