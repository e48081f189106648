/**
 * Type tests, checked by `npm run typecheck`: misuse of the API's types must not compile.
 */
import type { CreateMfaEnrollmentQuery, MfaEnrollmentTicket, MfaFactor, ProblemDetails } from './types';

export const factor: MfaFactor = 'otp';
// @ts-expect-error 'sms' is not a documented factor
export const unknownFactor: MfaFactor = 'sms';

export const query: CreateMfaEnrollmentQuery = { factor: 'webauthn-roaming', isInteractive: true };
// @ts-expect-error isInteractive is a boolean, not the string a query carries
export const stringly: CreateMfaEnrollmentQuery = { isInteractive: 'true' };

export const sent: MfaEnrollmentTicket = { ticketId: 'abc', emailSent: true, ticketUrl: null };
// @ts-expect-error ticketUrl is required (it may be null, but it is always present)
export const missingUrl: MfaEnrollmentTicket = { ticketId: 'abc', emailSent: true };
// @ts-expect-error emailSent is not nullable
export const nullEmail: MfaEnrollmentTicket = { ticketId: null, emailSent: null, ticketUrl: null };

export const problem: ProblemDetails = { status: 400, title: null, traceId: 'extension members are allowed' };
// @ts-expect-error status is an integer
export const textStatus: ProblemDetails = { status: '400' };
