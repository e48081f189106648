import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * Where clients reach the mock, for the absolute URLs it hands out (`ticketUrl`): `--public-url` when
 * set (behind a proxy, in a container), else the request's own Host, else the socket's address.
 */
export function baseUrlResolver(publicUrl: string | undefined): (req: IncomingMessage) => string {
  if (publicUrl !== undefined) {
    const fixed = publicUrl.replace(/\/+$/, '');
    return () => fixed;
  }
  return (req) => {
    const protocol = (req.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http';
    const host = req.headers.host;
    if (host !== undefined && isHost(host)) return `${protocol}://${host}`;
    const { localAddress, localPort } = req.socket;
    const address = localAddress?.includes(':') ? `[${localAddress}]` : (localAddress ?? '127.0.0.1');
    return `${protocol}://${address}:${localPort ?? 80}`;
  };
}

/** A DNS name or an IPv4 address, optionally with a port. */
const NAME_AND_PORT =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::(\d{1,5}))?$/;
const IPV6_AND_PORT = /^\[([^\]]+)\](?::(\d{1,5}))?$/;

/**
 * Whether a Host header is worth echoing into the URLs the mock hands out: a name, an IPv4 address or
 * a real bracketed IPv6 address, and a port that exists. (`[.]` once made an invalid ticketUrl.)
 */
export function isHost(host: string): boolean {
  const v6 = IPV6_AND_PORT.exec(host);
  if (v6) return isIPv6(v6[1] ?? '') && portExists(v6[2]);
  const name = NAME_AND_PORT.exec(host);
  return name !== null && portExists(name[1]);
}

const portExists = (port: string | undefined): boolean => port === undefined || Number(port) <= 65535;
