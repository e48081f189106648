#!/usr/bin/env -S node --optimize-for-size
// --optimize-for-size keeps V8's heap close to what the mock holds (its old-space growth factor is
// smaller): peak RSS under load falls from ~230 MB to ~115 MB for ~7% of throughput. `npm start`
// passes the same flag; scripts/bench/start-command.test.ts keeps the two in step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';
import { servedLines } from '../served';
import { SpecError } from '../../spec/load';
import { parseCommandLine } from './config';
import { createLogOutput } from './log-output';
import { exposureWarning } from './exposure';
import { startServer } from './server';

/** `nexus-mock` / `npm start`: flags and environment in, a listening mock out, a clean exit on signals. */
async function main(): Promise<number | undefined> {
  const parsed = parseCommandLine(process.argv.slice(2), process.env);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(parsed.text);
      return 0;
    case 'version':
      process.stdout.write(`${version()}\n`);
      return 0;
    case 'error':
      process.stderr.write(`nexus-mock: ${parsed.message}\n`);
      return 2;
    case 'run':
      break;
  }
  const { config } = parsed;
  const log = createLogOutput(
    config.logLevel,
    config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  );
  let running;
  try {
    running = await startServer(config, log);
  } catch (error) {
    const { code, syscall } = error as NodeJS.ErrnoException;
    if (error instanceof SpecError || syscall !== 'listen') {
      // Not the network: a configuration the app refused (a document it cannot serve, an invalid
      // scenario catalogue ...). The message says what and where; a stack trace would bury it.
      process.stderr.write(`nexus-mock: ${(error as Error).message}\n`);
      return 2;
    }
    const reason =
      code === 'EADDRINUSE' ? `port ${config.port} is in use; pass --port` : (error as Error).message;
    process.stderr.write(`nexus-mock: cannot listen on ${config.host}:${config.port}: ${reason}\n`);
    return 1;
  }
  process.stdout.write(`Nexus mock listening on ${running.url}\n`);
  process.stdout.write(`${servedLines(running.served, running.url).join('\n')}\n`);
  const warning = exposureWarning(config);
  if (warning !== undefined) process.stderr.write(`nexus-mock: ${warning}\n`);

  const stop = (signal: NodeJS.Signals): void => {
    log.info({ signal }, 'shutting down');
    void running.close().then(() => {
      log.info({}, 'stopped');
      log.flush();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return undefined;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`nexus-mock: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
