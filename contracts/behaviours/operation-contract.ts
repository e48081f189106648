import type { Answer } from '../case';
import type { CallInput } from '../inputs/call-input';
import type { Pins } from '../inputs/operation-inputs';
import type { TargetTraits } from '../traits';
import type { ContractViolation } from '../violation';

/**
 * What the seed says an operation does, beyond the shapes the document gives it: checked on every
 * successful answer of the run (listed, generated or forced by nobody), not on one example.
 */
export interface OperationContract {
  readonly operationId: string;
  /** Values its inputs must keep against this target (safety: no email unless allowed). */
  pins(traits: TargetTraits): Pins;
  /** Every rule of the seed (or of a decision) a 2xx answer to `input` breaks; none when it holds. */
  violations(answer: Answer, input: CallInput): ContractViolation[];
}
