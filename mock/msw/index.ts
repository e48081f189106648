/** `nexus-mock-kit/msw`: the mock as MSW 2 request handlers, for unit tests without a server. */
export { createMockHandlers, type MockHandlers, type MockHandlersOptions } from './create-mock-handlers';
export { toFetchHandler, type FetchHandler, type FetchAdapterOptions } from './fetch-adapter';
