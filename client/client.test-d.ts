/**
 * Type tests, checked by `npm run typecheck` (and so by `npm test`): misuse of the typed client must
 * not compile. Never run; every `@ts-expect-error` fails the check when its line starts compiling.
 */
import { createNexusClient, type NexusClient } from './index';

const client: NexusClient = createNexusClient({
  baseUrl: 'http://127.0.0.1:4010',
  credentials: { username: 'alice', password: 'secret' },
});
createNexusClient({ baseUrl: 'http://x', credentials: { bearer: 'user-42', applicationToken: 'my-app' } });
createNexusClient({
  baseUrl: 'http://x',
  credentials: { username: 'a', password: 'b' },
  fetch: (request: Request) => fetch(request),
});

// @ts-expect-error a bearer token needs the application token
createNexusClient({ baseUrl: 'http://x', credentials: { bearer: 'user-42' } });
// @ts-expect-error Basic needs a password
createNexusClient({ baseUrl: 'http://x', credentials: { username: 'alice' } });
// @ts-expect-error credentials are required
createNexusClient({ baseUrl: 'http://x' });
// @ts-expect-error the application token alone is not a credential
createNexusClient({ baseUrl: 'http://x', credentials: { applicationToken: 'my-app' } });

/** Where the typed values go, so none is unused. */
export const seen: unknown[] = [];

export async function typedCalls(): Promise<void> {
  await client.POST('/v1/me/mfa-enrollment', { params: { query: { isInteractive: true, factor: 'otp' } } });
  await client.POST('/v1/me/mfa-enrollment');

  // @ts-expect-error isInteractive is a boolean, not 'yes'
  await client.POST('/v1/me/mfa-enrollment', { params: { query: { isInteractive: 'yes' } } });
  // @ts-expect-error 'sms' is not a documented factor
  await client.POST('/v1/me/mfa-enrollment', { params: { query: { factor: 'sms' } } });
  // @ts-expect-error the operation has no such parameter
  await client.POST('/v1/me/mfa-enrollment', { params: { query: { userId: 'bob' } } });
  // @ts-expect-error no such path
  await client.POST('/v1/me/mfa-enrolment');
  // @ts-expect-error the path documents POST only
  await client.GET('/v1/me/mfa-enrollment');

  const { data, error } = await client.POST('/v1/me/mfa-enrollment', {
    params: { query: { isInteractive: true } },
  });
  if (data) {
    const ticketId: string | null = data.ticketId;
    const url: string | null = data.ticketUrl;
    const sent: boolean = data.emailSent;
    // @ts-expect-error a ticket has no such field
    seen.push(data.userId);
    seen.push(ticketId, url, sent);
  }
  if (error) {
    // The error is the documented problem details.
    const status: number | null | undefined = error.status;
    const title: string | null | undefined = error.title;
    // @ts-expect-error status is a number
    const text: string = error.status;
    seen.push(status, title, text);
  }
}
