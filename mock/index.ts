/** `nexus-mock-kit`: the mock as a request listener (`createApp`) or a listening server (`startServer`). */
export { createApp, type AppOptions } from './app';
export { startServer, type ServerOptions } from './server/start-server';
export type { RunningServer } from './server/server';
export type { MockConfig } from './server/config';
export type { Logger } from './logger';
export type { Clock } from './clock';
export type { RandomSource } from './random';
export type { Latency } from './engine/latency';
// The store the mock serves the enrollment from (the engine's state and the enrollment's records).
export type { EnrollmentStore as Store } from './behaviours/enrollment/records';
export type { MemoryStoreLimits } from './state/memory-store';
export type { OpenApiDocument } from '../spec/document';
