/**
 * The one importer of `generated/`: every other module takes the API's types from here.
 * Regenerate with `npm run generate` after changing `nexus.openapi.yaml`.
 */
import { mfaFactorValues, type components, type operations } from './generated/nexus';

/** The whole API, as openapi-typescript writes it (what `nexus-mock-kit/types` and the typed client use). */
export type { components, operations, paths } from './generated/nexus';

export type MfaEnrollmentTicket = components['schemas']['MfaEnrollmentTicket'];
export type ProblemDetails = components['schemas']['ProblemDetails'];
export type MfaFactor = components['schemas']['MfaFactor'];
export type CreateMfaEnrollmentQuery = NonNullable<operations['CreateMfaEnrollment']['parameters']['query']>;

/** The factors the spec documents, in its order. */
export const MFA_FACTORS: readonly MfaFactor[] = mfaFactorValues;

/** The operation the kit mocks and checks. */
export const CREATE_MFA_ENROLLMENT = 'CreateMfaEnrollment' satisfies keyof operations;
