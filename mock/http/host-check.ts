import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { decide, type RequestContext } from './context';
import { problem } from './problems';
import { sendProblem } from './responses';

export interface HostCheckOptions {
  /** The address the server listens on (`--host`); `127.0.0.1` when not given, as `npm start` does. */
  readonly listenHost?: string;
  /** `--public-url`: its host is always answered. */
  readonly publicUrl?: string;
  /** `--allowed-hosts`: names (`.example.com` for a domain and its subdomains) and addresses. */
  readonly allowedHosts?: readonly string[];
}

/** The names a loopback listener always answers to, on any port. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Decisions of the prelude's refusals: such a request changed nothing, and is not journaled. */
export const HOST_REFUSED = 'host:not-allowed';

/**
 * Whether an address is a loopback one: only processes on this machine can reach a listener there,
 * so the Host header is all that tells a page on a rebound DNS name from a local client.
 */
export function isLoopback(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Which `Host` headers the mock answers (DNS rebinding: a page on evil.example whose name is made
 * to resolve to 127.0.0.1 sends `Host: evil.example`). On a loopback listener: the loopback names,
 * the --public-url host and --allowed-hosts. On any other address: any host, unless --allowed-hosts
 * is given, then those and the names above. Undefined: every host is answered.
 */
export function hostPolicy(options: HostCheckOptions): ((hostname: string) => boolean) | undefined {
  const listen = options.listenHost ?? '127.0.0.1';
  const loopback = isLoopback(listen);
  if (!loopback && options.allowedHosts === undefined) return undefined;
  const exact = new Set<string>(LOOPBACK_NAMES);
  const domains: string[] = [];
  for (const host of options.allowedHosts ?? []) {
    if (host.startsWith('.')) domains.push(host);
    else exact.add(host);
  }
  if (options.publicUrl !== undefined) exact.add(new URL(options.publicUrl).hostname.toLowerCase());
  if (!['0.0.0.0', '::', ''].includes(listen))
    exact.add(isIP(listen) === 6 ? `[${listen}]` : listen.toLowerCase());
  return (hostname) =>
    exact.has(hostname) || domains.some((d) => hostname.endsWith(d) || hostname === d.slice(1));
}

/** The host of a Host header, lower case, without its port; IPv6 keeps its brackets. */
export function hostnameOf(header: string): string {
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * The prelude's first check: a request whose Host the mock does not answer to gets 421 problem
 * details before anything reads or changes state. A request without Host (HTTP/1.0, raw sockets)
 * is no browser's, so it passes. Returns whether the request may go on.
 */
export function createHostCheck(options: HostCheckOptions) {
  const allowed = hostPolicy(options);
  return (req: IncomingMessage, res: ServerResponse, context: RequestContext): boolean => {
    const host = req.headers.host;
    if (allowed === undefined || host === undefined || allowed(hostnameOf(host))) return true;
    decide(res, context, HOST_REFUSED);
    const shown = JSON.stringify(host.slice(0, 100));
    sendProblem(
      res,
      problem('host-not-allowed', {
        detail: `The mock does not answer to Host ${shown} (DNS rebinding protection). Reach it as localhost, or start it with --allowed-hosts naming this host.`,
      }),
      { Connection: 'close' },
    );
    return false;
  };
}
