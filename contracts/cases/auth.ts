import type { CaseContext, ContractCase } from '../case';
import { expectStatus } from '../expect';

const CHECK = 'ignored_auth';
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A case that sends these headers and expects 401. Real credentials are used where they help: a real
 * bearer token without its application token must still be refused. */
function refused(id: string, title: string, headers: (context: CaseContext) => Record<string, string>) {
  return {
    id: `auth.${id}`,
    group: 'auth',
    title: `refuses ${title} with 401`,
    needs: [],
    run: async (context: CaseContext) => {
      const answer = await context.enroll('isInteractive=true', { headers: headers(context) });
      expectStatus(answer, 401, CHECK, `${title} must be refused`);
    },
  } satisfies ContractCase;
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
  refused('malformed-basic', 'Basic credentials that are not base64', () => ({
    Authorization: 'Basic %%not*base64%%',
  })),
  refused('basic-without-password', 'Basic credentials without a password', ({ basicUsername }) => ({
    Authorization: `Basic ${base64(basicUsername)}`,
  })),
  {
    ...refused('basic-empty-password', 'Basic credentials with an empty password', ({ basicUsername }) => ({
      Authorization: `Basic ${base64(`${basicUsername}:`)}`,
    })),
    // RFC 7617 allows an empty password on the wire, and Prism accepts one; Nexus must not.
    profiles: ['full', 'proxied'],
  },
  {
    id: 'auth.bearer-accepted',
    group: 'auth',
    title: 'accepts a bearer token with the application token',
    needs: ['bearer'],
    run: async ({ enroll }) => {
      expectStatus(
        await enroll('isInteractive=true', 'bearer'),
        200,
        CHECK,
        'a bearer token with the application token must be accepted',
      );
    },
  },
  {
    id: 'auth.basic-accepted',
    group: 'auth',
    title: 'accepts HTTP Basic credentials alone',
    needs: ['basic'],
    run: async ({ enroll }) => {
      expectStatus(
        await enroll('isInteractive=true', 'basic'),
        200,
        CHECK,
        'HTTP Basic credentials must be accepted',
      );
    },
  },
];
