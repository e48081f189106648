import { enrollmentContract } from './enrollment';
import type { OperationContract } from './operation-contract';

/**
 * What the seed says each operation it describes does, bound by operationId; a fresh set per run
 * (each holds what the run has seen, such as the ticket ids). Add an operation's contract here.
 */
export function operationContracts(): OperationContract[] {
  return [enrollmentContract()];
}
