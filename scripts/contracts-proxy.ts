/**
 * `npm run contracts:proxy`: runs the suite through `prism proxy <spec> <target> --errors`, so Prism
 * validates every exchange independently. The target is NEXUS_PROXY_TARGET (a staging URL, with its
 * credentials in the NEXUS_* variables) or, by default, the kit's mock started for the run. Fails on
 * any failed check and on any response violation Prism reports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../spec/document';
import type { RunSummary } from '../contracts/summary';
import { reportsDir } from '../support/reports';
import { STAND_IN_ENV } from '../contracts/stand-ins';
import { runContractSuite, splitArgs } from './lib/contract-run';
import { startAndWait, type Started } from '../support/processes';
import { startPrism } from './lib/prism';

async function main(): Promise<number> {
  const { env, jestArgs } = splitArgs(process.argv.slice(2));
  let mock: Started | undefined;
  let upstream = process.env.NEXUS_PROXY_TARGET;
  if (!upstream) {
    const started = await startAndWait(
      process.execPath,
      [path.join(PACKAGE_ROOT, 'dist/mock/server/cli.js'), '--port', '0', '--log-level', 'silent'],
      /listening on (http:\/\/\S+)/,
    );
    mock = started;
    upstream = started.match[1] ?? '';
  }
  // The kit's own mock takes any credentials, and its emails only reach its outbox.
  const credentials = process.env.NEXUS_PROXY_TARGET ? {} : { ...STAND_IN_ENV, NEXUS_ALLOW_EMAIL: 'true' };
  const prism = await startPrism(['proxy', upstream, '--errors']);
  process.stdout.write(`Prism validating proxy on ${prism.url} -> ${upstream}\n`);
  try {
    const code = await runContractSuite(
      {
        ...process.env,
        ...credentials,
        NEXUS_CONTRACT_PROFILE: 'proxied',
        ...env,
        NEXUS_BASE_URL: prism.url,
      },
      jestArgs,
    );
    const summary = JSON.parse(
      readFileSync(path.join(reportsDir(), 'contracts-summary.json'), 'utf8'),
    ) as RunSummary;
    process.stdout.write(`Prism proxy reported ${summary.validatorViolations.length} response violations\n`);
    return code !== 0 || summary.validatorViolations.length > 0 ? 1 : 0;
  } finally {
    await prism.stop();
    await mock?.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`contracts:proxy: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
