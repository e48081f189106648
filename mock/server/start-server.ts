import { silentLogger, type Logger } from '../logger';
import { parseCommandLine, type MockConfig } from './config';
import { adminToken, hostList } from './team-options';
import { startServer as listen, type RunningServer } from './server';

/** What `nexus-mock` takes as flags, as options: each one defaults to the command line's default. */
export type ServerOptions = Partial<MockConfig> & {
  /** Receives one line per request (credentials redacted). Silent by default. */
  readonly logger?: Logger;
};

/**
 * Starts the mock from code, as `nexus-mock` does from flags: `await startServer({ port: 0 })`, then
 * `running.url` and `running.close()`. Unknown options throw at once, naming them.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const parsed = parseCommandLine([], {});
  if (parsed.kind !== 'run') throw new Error('The mock has no default configuration');
  const { logger = silentLogger, ...overrides } = options;
  const unknown = Object.keys(overrides).filter((key) => !(key in parsed.config));
  if (unknown.length > 0)
    throw new TypeError(
      `startServer: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} (expected ${Object.keys(parsed.config).join(', ')}, logger)`,
    );
  // `{ seed: process.env.SEED }` passes undefined when the variable is unset: the default stays.
  const defined = Object.fromEntries(
    Object.entries(overrides as Record<string, unknown>).filter(([, value]) => value !== undefined),
  );
  return listen(checkTeamOptions({ ...parsed.config, ...defined }), logger);
}

/**
 * The checks the command line makes of the team options, for options given as values: a host list
 * must be names (a string would be read a character at a time, and let `Host: m` through), the admin
 * token printable, and a session last at least as long as its tickets.
 */
function checkTeamOptions(config: MockConfig): MockConfig {
  const fail = (message: string): never => {
    throw new TypeError(`startServer: ${message}`);
  };
  const { allowedHosts, adminToken: token, sessionTtl, ticketTtl } = config;
  if (
    allowedHosts !== undefined &&
    (!Array.isArray(allowedHosts) || allowedHosts.some((h) => typeof h !== 'string'))
  )
    fail('allowedHosts must be an array of host names');
  let hosts: readonly string[] | undefined;
  try {
    hosts = allowedHosts === undefined ? undefined : hostList(allowedHosts.join(','));
    if (token !== undefined) adminToken(token);
  } catch (error) {
    fail(
      `${allowedHosts !== undefined && hosts === undefined ? 'allowedHosts' : 'adminToken'} ${(error as Error).message}`,
    );
  }
  if (sessionTtl !== undefined && sessionTtl < ticketTtl)
    fail(`sessionTtl (${sessionTtl} ms) must not be shorter than ticketTtl (${ticketTtl} ms)`);
  return { ...config, allowedHosts: hosts };
}
