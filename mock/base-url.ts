import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** A Host header worth echoing: a name or an IPv4 address or a bracketed IPv6 address, and a port. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

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
    if (host !== undefined && HOST.test(host)) return `${protocol}://${host}`;
    const { localAddress, localPort } = req.socket;
    const address = localAddress?.includes(':') ? `[${localAddress}]` : (localAddress ?? '127.0.0.1');
    return `${protocol}://${address}:${localPort ?? 80}`;
  };
}
