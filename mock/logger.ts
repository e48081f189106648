import type { IncomingHttpHeaders } from 'node:http';
import type { RequestContext } from './http/context';

/** The slice of pino the mock uses; tests pass a recorder, `createApp` defaults to silence. */
export interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentLogger: Logger = { info: noop, warn: noop, error: noop };

function noop(): void {
  // Deliberately empty: the silent logger drops every line.
}

/** Headers worth a log line. Anything else (cookies, unknown headers) is left out rather than redacted. */
const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'origin', 'prefer', 'x-mock-session'];

/**
 * The request's headers as a log line may show them: credentials are replaced by `[REDACTED]`,
 * keeping only the Authorization scheme, so a log never holds a token or a password.
 */
export function loggableHeaders(
  headers: IncomingHttpHeaders,
  secretHeaders: readonly string[],
): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) shown[name] = String(value);
  }
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    // A scheme is a short word followed by the credentials; a bare token is all secret.
    const scheme = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,19})\s+\S/.exec(authorization)?.[1];
    shown.authorization = scheme ? `${scheme} [REDACTED]` : '[REDACTED]';
  }
  for (const name of secretHeaders) {
    if (headers[name] !== undefined) shown[name] = '[REDACTED]';
  }
  return shown;
}

/** The one log line per request: what was asked, what was answered and why; credentials redacted. */
export function requestLogLine(
  req: { method?: string; headers: IncomingHttpHeaders },
  status: number | null,
  context: RequestContext,
  durationMs: number,
  secrets: { readonly headers: readonly string[]; readonly query: ReadonlySet<string> },
): object {
  return {
    reqId: context.id,
    session: context.session,
    method: req.method,
    url: redactUrl(context.url, secrets.query),
    operation: context.operationId,
    status,
    aborted: status === null,
    userId: context.userId,
    decision: context.decision,
    scenario: context.scenario,
    durationMs: Math.round(durationMs * 100) / 100,
    headers: loggableHeaders(req.headers, secrets.headers),
  };
}

/** The request target with the values of the named query parameters (API keys) replaced. */
export function redactUrl(url: string, names: ReadonlySet<string>): string {
  const mark = url.indexOf('?');
  if (names.size === 0 || mark === -1) return url;
  const parts = url
    .slice(mark + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const raw = eq === -1 ? part : part.slice(0, eq);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // An undecodable name is compared as it is.
      }
      return names.has(name) ? `${raw}=[REDACTED]` : part;
    });
  return `${url.slice(0, mark + 1)}${parts.join('&')}`;
}
