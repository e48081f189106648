import type { ContractCase } from './case';
import { authCases } from './cases/auth';
import { behaviourCases } from './cases/behaviour';
import { dataCases } from './cases/data';
import { generativeCases } from './cases/generative';
import { methodCases } from './cases/methods';
import { mockCases } from './cases/mock';
import type { SuiteSpec } from './suite-spec';
import type { OperationModel } from '../spec/operation';

/**
 * Every rule of the contract for a document, in the order a run checks them: each operation's
 * valid call, auth and listed inputs, each path's undocumented methods, the seed's behaviours, the
 * generative phase, the mock's control plane, and last the responses nothing else reached.
 */
export function buildSuite(
  spec: SuiteSpec,
  /** The operations that get every check (a large document's sample); the others get their valid call. */
  operations: readonly OperationModel[] = spec.operations,
): ContractCase[] {
  return [
    ...spec.operations.flatMap((operation) => dataCases(operation).filter((c) => c.group === 'conformance')),
    ...operations.flatMap(authCases),
    // A path's documented methods are all its operations', sampled or not.
    ...methodCases(spec.operations.filter((o) => operations.some((full) => full.path === o.path))),
    ...operations.flatMap((operation) => dataCases(operation).filter((c) => c.group !== 'conformance')),
    ...behaviourCases(operations),
    ...operations.flatMap(generativeCases),
    ...mockCases(operations),
  ];
}
