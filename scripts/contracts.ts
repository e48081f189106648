/**
 * `npm run contracts [-- --profile structural] [-- --base-url URL]`: the contract suite against the
 * in-process mock, or against NEXUS_BASE_URL. Exits 0 only when every check that ran passed.
 */
import { runContractSuite, splitArgs } from './lib/contract-run';

const { env, jestArgs } = splitArgs(process.argv.slice(2));
void runContractSuite({ ...process.env, ...env }, jestArgs).then((code) => {
  process.exitCode = code;
});
