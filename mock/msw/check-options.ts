import { isObject } from '../../spec/document';

const KNOWN = new Set(['baseUrl', 'seed', 'spec']);

/**
 * Checks `createMockHandlers`' options before anything is built, so a mistake fails the test file at
 * once, naming the option, instead of as unmatched requests later. Returns the base URL without a
 * trailing slash, and its path (what the mock's routes do not include).
 */
export function checkHandlerOptions(options: unknown): { base: string; pathPrefix: string } {
  const fail = (message: string): never => {
    throw new TypeError(`createMockHandlers: ${message}`);
  };
  if (!isObject(options))
    return fail('expected an options object such as { baseUrl: "http://localhost/api" }');
  for (const key of Object.keys(options))
    if (!KNOWN.has(key)) fail(`unknown option '${key}' (expected baseUrl, seed, spec)`);
  const { baseUrl, seed, spec } = options;
  if (typeof baseUrl !== 'string')
    return fail(
      `baseUrl must be an absolute http(s) URL such as "http://localhost/api", got ${describe(baseUrl)}`,
    );
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return fail(`baseUrl must be an absolute http(s) URL such as "http://localhost/api", got '${baseUrl}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    fail(`baseUrl must use http or https, got '${url.protocol}' in '${baseUrl}'`);
  if (url.search !== '' || url.hash !== '' || baseUrl.includes('?') || baseUrl.includes('#'))
    fail(`baseUrl must not have a query or a fragment, got '${baseUrl}'`);
  if (url.username !== '' || url.password !== '') fail(`baseUrl must not hold credentials`);
  if (seed !== undefined && (typeof seed !== 'string' || seed === ''))
    fail(`seed must be a non-empty string, got ${describe(seed)}`);
  if (spec !== undefined && typeof spec !== 'string' && !isObject(spec))
    fail(`spec must be a path or a parsed OpenAPI 3.1 document, got ${describe(spec)}`);
  const pathPrefix = url.pathname.replace(/\/+$/, '');
  return { base: `${url.origin}${pathPrefix}`, pathPrefix };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : `a ${typeof value}`;
}
