/**
 * What a frontend team writes: start an MFA enrollment, then tell the page what to show. The client
 * and the types come from the kit, so a change to the API's document breaks this file's type check.
 */
import type { NexusClient, ProblemDetails } from 'nexus-mock-kit/client';
import type { MfaFactor } from 'nexus-mock-kit/types';

export type EnrollmentView =
  /** Self-service: send the user to the enrollment page. */
  | { readonly kind: 'redirect'; readonly url: string }
  /** Management: the user got an email with the link. */
  | { readonly kind: 'email-sent'; readonly ticketId: string | null }
  | { readonly kind: 'error'; readonly status: number; readonly message: string };

export interface EnrollmentRequest {
  readonly factor?: MfaFactor;
  /** True: the user sets it up now, in this browser. False: they get an email. */
  readonly selfService: boolean;
}

export async function startEnrollment(
  nexus: NexusClient,
  request: EnrollmentRequest,
): Promise<EnrollmentView> {
  try {
    const { data, error, response } = await nexus.POST('/v1/me/mfa-enrollment', {
      params: {
        query: { isInteractive: request.selfService, ...(request.factor && { factor: request.factor }) },
      },
    });
    if (error !== undefined || data === undefined) {
      return { kind: 'error', status: response.status, message: describeProblem(error, response.status) };
    }
    if (data.ticketUrl !== null) return { kind: 'redirect', url: data.ticketUrl };
    return { kind: 'email-sent', ticketId: data.ticketId };
  } catch {
    // fetch rejects when the connection fails: nothing came back to read.
    return {
      kind: 'error',
      status: 0,
      message: 'Nexus could not be reached. Check your connection and try again.',
    };
  }
}

/** One sentence for the user, from the problem details the API documents for every error. */
export function describeProblem(problem: ProblemDetails | undefined, status: number): string {
  if (status === 401) return 'Your session has expired. Sign in again.';
  const said = problem?.detail ?? problem?.title;
  return typeof said === 'string' && said !== '' ? said : `Something went wrong (HTTP ${status}).`;
}
