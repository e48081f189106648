import type { Answer } from '../case';
import type { CallInput } from '../inputs/call-input';
import type { Pins } from '../inputs/operation-inputs';
import type { TargetTraits } from '../plan';

/**
 * What the seed says an operation does, beyond the shapes the document gives it: checked on every
 * successful answer of the run (listed, generated or forced by nobody), not on one example.
 */
export interface OperationContract {
  readonly operationId: string;
  /** Values its inputs must keep against this target (safety: no email unless allowed). */
  pins(traits: TargetTraits): Pins;
  /** Throws a `ContractViolation` when a 2xx answer to `input` breaks what the seed says. */
  check(answer: Answer, input: CallInput): void;
}
