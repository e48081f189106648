/** `nexus-mock-kit/client`: a typed client for Nexus (or the mock), on openapi-fetch. */
export { createNexusClient, type NexusClient, type NexusClientOptions } from './create-nexus-client';
export type { BasicCredentials, BearerCredentials, NexusCredentials } from './credentials';
export type { MfaEnrollmentTicket, MfaFactor, ProblemDetails } from '../spec/types';
