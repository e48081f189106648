import { parseArgs } from 'node:util';
import { parseLatency, type Latency } from '../engine/latency';
import { DEFAULT_LIMITS } from '../state/memory-store';
import { DEFAULT_TICKET_TTL_MS } from '../behaviours/enrollment/tickets';
import { SPEC_PATH } from '../../spec/document';
import { adminToken, hostList, storeSetting } from './team-options';

/**
 * The mock's command line: every option is a flag (`--ticket-ttl 1h`) and an environment variable
 * (`NEXUS_MOCK_TICKET_TTL=1h`); the flag wins. `--help` is generated from the table below, so it
 * documents every option there is.
 */
interface OptionSpec<T> {
  readonly env: string;
  readonly metavar: string;
  readonly help: string;
  /** Shown in --help and used when neither the flag nor the variable is set. */
  readonly fallback: T;
  readonly shownDefault?: string;
  readonly parse: (raw: string) => T;
}

const option = <T>(spec: OptionSpec<T>): OptionSpec<T> => spec;

const OPTIONS = {
  port: option({
    env: 'NEXUS_MOCK_PORT',
    metavar: 'N',
    help: 'TCP port to listen on; 0 picks a free one.',
    fallback: 4010,
    parse: integer(0, 65535),
  }),
  host: option({
    env: 'NEXUS_MOCK_HOST',
    metavar: 'HOST',
    help: 'Address to listen on.',
    fallback: '127.0.0.1',
    parse: nonEmpty,
  }),
  seed: option<string | undefined>({
    env: 'NEXUS_MOCK_SEED',
    metavar: 'S',
    help: 'Seed for ticket ids, users and emails: the same seed and requests give the same data.',
    fallback: undefined,
    shownDefault: 'random',
    parse: nonEmpty,
  }),
  ticketTtl: option({
    env: 'NEXUS_MOCK_TICKET_TTL',
    metavar: 'DURATION',
    help: 'How long a ticket stays pending (500ms, 30s, 15m, 24h, 7d).',
    fallback: DEFAULT_TICKET_TTL_MS,
    shownDefault: '24h',
    parse: duration,
  }),
  maxTickets: option({
    env: 'NEXUS_MOCK_MAX_TICKETS',
    metavar: 'N',
    help: 'Tickets kept in memory; the oldest are evicted.',
    fallback: DEFAULT_LIMITS.maxTickets,
    parse: integer(1),
  }),
  maxUsers: option({
    env: 'NEXUS_MOCK_MAX_USERS',
    metavar: 'N',
    help: 'Users kept in memory; the oldest are evicted.',
    fallback: DEFAULT_LIMITS.maxUsers,
    parse: integer(1),
  }),
  maxEmails: option({
    env: 'NEXUS_MOCK_MAX_EMAILS',
    metavar: 'N',
    help: 'Emails kept per session in the outbox.',
    fallback: DEFAULT_LIMITS.maxEmailsPerSession,
    parse: integer(1),
  }),
  maxSessions: option({
    env: 'NEXUS_MOCK_MAX_SESSIONS',
    metavar: 'N',
    help: 'Sessions kept; the least recently used is forgotten.',
    fallback: DEFAULT_LIMITS.maxSessions,
    parse: integer(1),
  }),
  journalSize: option({
    env: 'NEXUS_MOCK_JOURNAL_SIZE',
    metavar: 'N',
    help: 'Requests the journal keeps per session (GET /__admin/requests).',
    fallback: DEFAULT_LIMITS.journalSize,
    parse: integer(1, 1_000_000),
  }),
  latency: option<Latency | undefined>({
    env: 'NEXUS_MOCK_LATENCY',
    metavar: 'MS|MIN-MAX',
    help: 'Delay added to every enrollment answer: 200, or 100-500 for a seeded-random delay in that range.',
    fallback: undefined,
    shownDefault: 'none',
    parse: parseLatency,
  }),
  spec: option({
    env: 'NEXUS_MOCK_SPEC',
    metavar: 'PATH',
    help: 'OpenAPI 3.1 document to serve (YAML or JSON); one that cannot be served stops start-up.',
    fallback: SPEC_PATH,
    shownDefault: 'spec/nexus.openapi.yaml',
    parse: nonEmpty,
  }),
  scenarios: option<string | undefined>({
    env: 'NEXUS_MOCK_SCENARIOS',
    metavar: 'PATH',
    help: 'Scenario catalogue file (GET /__admin/scenarios/catalog).',
    fallback: undefined,
    shownDefault: 'mock/scenarios.catalog.json',
    parse: nonEmpty,
  }),
  publicUrl: option<string | undefined>({
    env: 'NEXUS_MOCK_PUBLIC_URL',
    metavar: 'URL',
    help: 'Base of the URLs the mock hands out (ticketUrl), when clients reach it through a proxy.',
    fallback: undefined,
    shownDefault: 'from the Host header',
    parse: absoluteUrl,
  }),
  corsOrigin: option<string | undefined>({
    env: 'NEXUS_MOCK_CORS_ORIGIN',
    metavar: 'ORIGINS',
    help: "Browser origins allowed: '*' or a comma-separated list.",
    fallback: undefined,
    shownDefault: 'http://localhost:* and http://127.0.0.1:*',
    parse: nonEmpty,
  }),
  store: option({
    env: 'NEXUS_MOCK_STORE',
    metavar: 'memory|URL',
    help: 'Where state lives: memory (this process), or redis://HOST:PORT[/DB], shared by every replica on it.',
    fallback: 'memory',
    parse: storeSetting,
  }),
  sessionTtl: option<number | undefined>({
    env: 'NEXUS_MOCK_SESSION_TTL',
    metavar: 'DURATION',
    help: 'Redis store: a session nobody writes to for this long leaves Redis by expiry (at least --ticket-ttl).',
    fallback: undefined,
    shownDefault: '48h, or twice --ticket-ttl if longer',
    parse: duration,
  }),
  allowedHosts: option<readonly string[] | undefined>({
    env: 'NEXUS_MOCK_ALLOWED_HOSTS',
    metavar: 'HOSTS',
    help: 'Host names answered besides localhost, 127.0.0.1, [::1] and the --public-url host (.example.com: the domain and its subdomains); on a non-loopback --host, only these.',
    fallback: undefined,
    shownDefault: 'loopback names on a loopback --host, any host otherwise',
    parse: hostList,
  }),
  adminToken: option<string | undefined>({
    env: 'NEXUS_MOCK_ADMIN_TOKEN',
    metavar: 'TOKEN',
    help: 'Every /__admin call except GET /__admin/health (and the console page) needs Authorization: Bearer TOKEN. Prefer the variable: flags show in ps.',
    fallback: undefined,
    shownDefault: 'none',
    parse: adminToken,
  }),
  logLevel: option<LogLevel>({
    env: 'NEXUS_MOCK_LOG_LEVEL',
    metavar: 'LEVEL',
    help: 'info (a line per request), warn, error or silent.',
    fallback: 'info',
    parse: oneOf(['info', 'warn', 'error', 'silent'] as const),
  }),
  logFormat: option<LogFormat | undefined>({
    env: 'NEXUS_MOCK_LOG_FORMAT',
    metavar: 'FORMAT',
    help: 'json (pino lines) or pretty (one short line per request).',
    fallback: undefined,
    shownDefault: 'pretty on a terminal, json otherwise',
    parse: oneOf(['json', 'pretty'] as const),
  }),
  headersTimeout: option({
    env: 'NEXUS_MOCK_HEADERS_TIMEOUT',
    metavar: 'DURATION',
    help: 'Time a client has to send its request headers.',
    fallback: 10_000,
    shownDefault: '10s',
    parse: duration,
  }),
  requestTimeout: option({
    env: 'NEXUS_MOCK_REQUEST_TIMEOUT',
    metavar: 'DURATION',
    help: 'Time a client has to send its whole request.',
    fallback: 30_000,
    shownDefault: '30s',
    parse: duration,
  }),
  keepAliveTimeout: option({
    env: 'NEXUS_MOCK_KEEP_ALIVE_TIMEOUT',
    metavar: 'DURATION',
    help: 'How long an idle keep-alive connection stays open.',
    fallback: 5_000,
    shownDefault: '5s',
    parse: duration,
  }),
  maxHeaderSize: option({
    env: 'NEXUS_MOCK_MAX_HEADER_SIZE',
    metavar: 'BYTES',
    help: 'Largest request head accepted; larger ones get 431.',
    fallback: 16_384,
    parse: integer(1024, 1_048_576),
  }),
  shutdownTimeout: option({
    env: 'NEXUS_MOCK_SHUTDOWN_TIMEOUT',
    metavar: 'DURATION',
    help: 'On SIGTERM/SIGINT, how long in-flight requests may take to finish.',
    fallback: 4_000,
    shownDefault: '4s',
    parse: duration,
  }),
} as const;

export type LogLevel = 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'pretty';

export type MockConfig = { -readonly [K in keyof typeof OPTIONS]: (typeof OPTIONS)[K]['fallback'] };

export type ParsedCommandLine =
  | { readonly kind: 'run'; readonly config: MockConfig }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

type Env = Readonly<Record<string, string | undefined>>;

export function parseCommandLine(argv: readonly string[], env: Env): ParsedCommandLine {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(Object.keys(OPTIONS).map((key) => [flagOf(key), { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { kind: 'error', message: `${(error as Error).message}\nRun with --help to see every option.` };
  }
  if (values.help === true) return { kind: 'help', text: helpText() };
  if (values.version === true) return { kind: 'version' };

  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(OPTIONS) as [keyof typeof OPTIONS, OptionSpec<unknown>][]) {
    const flag = values[flagOf(key)];
    const raw = typeof flag === 'string' ? flag : env[spec.env];
    const source = typeof flag === 'string' ? `--${flagOf(key)}` : spec.env;
    if (raw === undefined || (raw === '' && typeof flag !== 'string')) {
      config[key] = spec.fallback;
      continue;
    }
    try {
      config[key] = spec.parse(raw);
    } catch (error) {
      return { kind: 'error', message: `${source}: ${(error as Error).message}` };
    }
  }
  const parsed = config as MockConfig;
  // Node refuses a headers timeout longer than the request timeout, in words that name neither flag.
  if (parsed.headersTimeout > parsed.requestTimeout) {
    return {
      kind: 'error',
      message: `--headers-timeout (${parsed.headersTimeout} ms) must not be longer than --request-timeout (${parsed.requestTimeout} ms)`,
    };
  }
  // A pending ticket must not leave Redis before it expires.
  if (parsed.sessionTtl !== undefined && parsed.sessionTtl < parsed.ticketTtl) {
    return {
      kind: 'error',
      message: `--session-ttl (${parsed.sessionTtl} ms) must not be shorter than --ticket-ttl (${parsed.ticketTtl} ms)`,
    };
  }
  return { kind: 'run', config: parsed };
}

export function helpText(): string {
  const rows = Object.entries(OPTIONS).map(([key, spec]) => {
    const shown =
      spec.shownDefault ??
      (typeof spec.fallback === 'object' ? JSON.stringify(spec.fallback) : String(spec.fallback));
    return `  --${flagOf(key)} ${spec.metavar}\n      ${spec.help}\n      env ${spec.env}, default ${shown}`;
  });
  return [
    'Usage: nexus-mock [options]     (or: npm start -- [options])',
    '',
    'A stateful mock driven by an OpenAPI 3.1 document (--spec): the Nexus MFA enrollment API by default.',
    'Flags win over environment variables.',
    '',
    'Options:',
    ...rows,
    '  -h, --help      Show this help.',
    '  -v, --version   Show the version.',
    '',
  ].join('\n');
}

function flagOf(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new Error('must not be empty');
  return raw;
}

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw.trim())) throw new Error(`'${raw}' is not a whole number`);
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`${n} is not between ${min} and ${max}`);
    return n;
  };
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: string): T => {
    const match = allowed.find((a) => a === raw);
    if (match === undefined) throw new Error(`'${raw}' is not one of ${allowed.join(', ')}`);
    return match;
  };
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `30s`, `15m`, `24h`, `7d`, `1.5h`. A bare number is refused: seconds or milliseconds? */
export function duration(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(raw.trim());
  if (!match) throw new Error(`'${raw}' is not a duration such as 500ms, 30s, 15m, 24h or 7d`);
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1));
}

function absoluteUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`'${raw}' is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`'${raw}' is not an http(s) URL`);
  return raw.replace(/\/+$/, '');
}
