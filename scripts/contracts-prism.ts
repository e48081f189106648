/**
 * `npm run contracts:prism`: starts Prism mocking the spec on a free loopback port and runs the suite
 * against it with the structural profile (conformance and auth: Prism answers from examples).
 */
import { STAND_IN_ENV } from '../contracts/stand-ins';
import { runContractSuite, splitArgs } from './lib/contract-run';
import { startPrism } from './lib/prism';

async function main(): Promise<number> {
  const { env, jestArgs } = splitArgs(process.argv.slice(2));
  const prism = await startPrism(['mock']);
  process.stdout.write(`Prism mock of the spec on ${prism.url}\n`);
  try {
    return await runContractSuite(
      {
        ...process.env,
        ...STAND_IN_ENV,
        NEXUS_CONTRACT_PROFILE: 'structural',
        ...env,
        NEXUS_BASE_URL: prism.url,
      },
      jestArgs,
    );
  } finally {
    await prism.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`contracts:prism: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
