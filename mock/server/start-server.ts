import { silentLogger, type Logger } from '../logger';
import { parseCommandLine, type MockConfig } from './config';
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
  return listen({ ...parsed.config, ...defined }, logger);
}
