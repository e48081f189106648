import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../spec/types';
import { credentialHeaders, credentialsProblem, type NexusCredentials } from './credentials';

export interface NexusClientOptions {
  /** Where Nexus (or the mock) answers: `https://nexus.example.com`, `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  readonly credentials: NexusCredentials;
  /** Sends the requests; `globalThis.fetch` at the time of each call by default (so MSW sees them). */
  readonly fetch?: (request: Request) => Promise<Response>;
}

/** An openapi-fetch client for the API: paths, parameters, answers and problem details typed by the spec. */
export type NexusClient = Client<paths>;

/**
 * A typed client for Nexus: every call sends the credentials the way the spec's security says, and
 * comes back as `{ data, error, response }`, where `error` is the documented problem details.
 * Throws at once, naming the option, for an unusable base URL, credentials or fetch.
 */
export function createNexusClient(options: NexusClientOptions): NexusClient {
  const fail = (message: string): never => {
    throw new TypeError(`createNexusClient: ${message}`);
  };
  if (typeof options !== 'object' || (options as unknown) === null)
    fail('expected an options object such as { baseUrl, credentials }');
  const { baseUrl, credentials, fetch } = options as unknown as Record<string, unknown>;
  const problem = baseUrlProblem(baseUrl) ?? credentialsProblem(credentials);
  if (problem !== undefined) fail(problem);
  if (fetch !== undefined && typeof fetch !== 'function') fail('fetch must be a function');
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: credentialHeaders(options.credentials),
    fetch: send,
  });
}

function baseUrlProblem(value: unknown): string | undefined {
  const expected = 'baseUrl must be an absolute http(s) URL such as "https://nexus.example.com"';
  if (typeof value !== 'string') return `${expected}, got ${value === null ? 'null' : `a ${typeof value}`}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${expected}, got '${value}'`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${expected}, got '${value}'`;
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value))
    return `baseUrl must not have a query or a fragment, got '${value}'`;
  if (url.username !== '' || url.password !== '')
    return 'baseUrl must not hold credentials: pass them as credentials';
  return undefined;
}
