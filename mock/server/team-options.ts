import { isIP } from 'node:net';

/**
 * Parsers for the options of a shared deployment (`--store`, `--allowed-hosts`, `--admin-token`):
 * each returns the value or throws a one-line reason, as `config.ts` expects.
 */

/** `memory`, or `redis://HOST:PORT[/DB]` (`rediss://` for TLS; a password as `redis://:PASSWORD@HOST:PORT`). */
export function storeSetting(raw: string): string {
  const text = raw.trim();
  if (text === 'memory') return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`'${redactStoreUrl(text)}' is not memory or a redis://HOST:PORT[/DB] URL`);
  }
  const shown = redactStoreUrl(text);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`'${shown}' is not memory or a redis://HOST:PORT[/DB] URL`);
  if (url.hostname === '') throw new Error(`'${shown}' names no host`);
  if (url.search !== '' || url.hash !== '')
    throw new Error(`'${shown}' has a query or fragment; use redis://HOST:PORT[/DB]`);
  if (!/^\/?(\d{1,5})?$/.test(url.pathname))
    throw new Error(`'${shown}': the database must be a number, as in redis://HOST:PORT/2`);
  return text;
}

/** The store URL without its password, for messages and the log. */
export function redactStoreUrl(text: string): string {
  return text.replace(/^(rediss?:\/\/)([^@/]*)@/, (_, scheme: string, auth: string) =>
    auth.includes(':') ? `${scheme}${auth.slice(0, auth.indexOf(':'))}:[REDACTED]@` : `${scheme}[REDACTED]@`,
  );
}

const NAME = /^\.?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * `--allowed-hosts mock.team.example,.preview.example`: host names (without a port), IP addresses
 * (IPv6 in brackets or not), or `.example.com` for that domain and every name under it.
 */
export function hostList(raw: string): readonly string[] {
  const hosts = raw
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  if (hosts.length === 0) throw new Error('must name at least one host');
  return hosts.map((host) => {
    const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    if (isIP(bare) === 6) return `[${bare}]`;
    if (isIP(bare) === 4 || NAME.test(bare)) return bare;
    throw new Error(`'${host}' is not a host name or an IP address (give names without a port)`);
  });
}

/** Any printable token without spaces; short ones are allowed (it is a mock) but must not be empty. */
export function adminToken(raw: string): string {
  if (raw === '' || !/^[\x21-\x7e]+$/.test(raw))
    throw new Error('must be printable ASCII without spaces (it travels as Authorization: Bearer TOKEN)');
  return raw;
}
