#!/usr/bin/env node
/**
 * `nexus-contracts`: the contract suite without jest or TypeScript, for a backend repository's CI
 * (`npx nexus-contracts --base-url https://staging.example.com`). The same NEXUS_* variables, cases
 * and reports as `npm run contracts`; exits 0 when every check that ran passed, 1 when one failed,
 * 2 for unusable flags or configuration.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDocument } from '../spec/load';
import { readSuiteConfig, shortSecretWarnings } from './config';
import { writeJunit } from './junit';
import { runSuite } from './run-suite';
import { formatSummary, writeSummary } from './summary';

const HELP = `Usage: nexus-contracts [--base-url URL] [--profile full|structural|proxied] [--spec FILE]

Runs the Nexus contract suite against a deployment (or, without a base URL, against the kit's mock
started in this process) and writes reports/contracts-summary.txt, reports/contracts-summary.json and
reports/contracts-junit.xml. Exits 0 when every check that ran passed, 1 when one failed, 2 for
unusable flags or configuration.

Options (each overrides its environment variable):
  --base-url URL   the deployment under test                      NEXUS_BASE_URL
  --profile NAME   full (default), structural, proxied            NEXUS_CONTRACT_PROFILE
  --spec FILE      the OpenAPI document to check against           NEXUS_SPEC
  -h, --help       this text

Environment:
  NEXUS_BEARER_TOKEN + NEXUS_APPLICATION_TOKEN   Bearer credentials (their checks are skipped without)
  NEXUS_BASIC_USERNAME + NEXUS_BASIC_PASSWORD     HTTP Basic credentials (likewise)
  NEXUS_APPLICATION_TOKEN_HEADER                  overrides the header the spec names
  NEXUS_ALLOW_EMAIL=true                          lets non-interactive checks send real email
  NEXUS_CHECK_WRONG_CREDENTIALS=true              also expects 401 for wrong, well-formed credentials
  NEXUS_API_KEY_<SCHEME>                          an API key for a scheme of another document (NEXUS_API_KEY_QUERYKEY)
  NEXUS_ALLOW_UNSAFE_METHODS=true                 also sends undocumented PUT, PATCH, DELETE, POST (expects 405)
  NEXUS_CONTRACT_SEED                             seeds the generated inputs (printed on every run)
  NEXUS_DECISIONS=warn                            failures of ASSUMPTIONS.md decisions become warnings
  NEXUS_MIN_COVERAGE=N                            fails a run that observes under N% of the documented responses
  NEXUS_ADMIN_TOKEN                               the mock's --admin-token, for the mock-only checks
  NEXUS_REQUEST_TIMEOUT_MS (10000)               connect, headers and whole body of one request (older name: NEXUS_TIMEOUT_MS)
  NEXUS_RUN_TIMEOUT_MS (600000)                   the whole run; past it, or on SIGINT/SIGTERM, the run stops and reports what ran
  NEXUS_MAX_BODY_BYTES (10485760)                 the most bytes of one response body, after decompression
  NEXUS_MAX_RETRIES, NEXUS_MAX_REQUESTS, NEXUS_MAX_RETRY_WAIT_MS
  NEXUS_REPORTS_DIR                               where reports go (default: ./reports)
`;

type Env = Record<string, string | undefined>;

/** Flags in, environment out: the flags override the variables they name. */
function readFlags(argv: readonly string[], env: Env): { help: true } | { help: false; env: Env } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'base-url': { type: 'string' },
      profile: { type: 'string' },
      spec: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) return { help: true };
  const flags: Env = {};
  if (values['base-url'] !== undefined) flags.NEXUS_BASE_URL = values['base-url'];
  if (values.profile !== undefined) flags.NEXUS_CONTRACT_PROFILE = values.profile;
  if (values.spec !== undefined) flags.NEXUS_SPEC = path.resolve(values.spec);
  return { help: false, env: { ...env, ...flags } };
}

async function main(): Promise<number> {
  let flags;
  try {
    flags = readFlags(process.argv.slice(2), process.env);
  } catch (error) {
    return usageError(`${(error as Error).message}; run with --help to see every option`);
  }
  if (flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const { env } = flags;
  let config;
  try {
    config = readSuiteConfig(env);
    // A document the suite could not read fails here, in one line, not as a stack trace mid-run.
    if (env.NEXUS_SPEC !== undefined) loadDocument(env.NEXUS_SPEC);
  } catch (error) {
    // SuiteConfigError (a variable or flag) or SpecError (the document): both say what and where.
    if (error instanceof Error) return usageError(error.message);
    throw error;
  }
  // The suite's modules read the same variables.
  Object.assign(process.env, env);
  const reports = env.NEXUS_REPORTS_DIR ?? path.resolve('reports');
  const started = Date.now();
  // SIGINT or SIGTERM ends the run where it is, and the reports still say what ran; a second one exits at once.
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort(new Error(`the run was interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  // Printed first, so a run that stops half-way can still be replayed.
  process.stdout.write(
    `Nexus contract suite: seed ${config.seed} (NEXUS_CONTRACT_SEED=${config.seed} replays this run)\n`,
  );
  for (const warning of shortSecretWarnings(env)) process.stderr.write(`nexus-contracts: ${warning}\n`);
  const summary = await runSuite(config, { signal: interrupt.signal });
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  writeSummary(summary, reports);
  writeJunit(summary, Date.now() - started, reports);
  process.stdout.write(formatSummary(summary));
  process.stdout.write(`Reports: ${reports}\n`);
  return summary.results.some((r) => r.outcome === 'failed') ? 1 : 0;
}

function usageError(message: string): number {
  process.stderr.write(`nexus-contracts: ${message.split('\n')[0] ?? message}\n`);
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`nexus-contracts: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
