import { successStatus, type OperationModel } from '../../spec/operation';
import type { RuleSource } from '../../spec/decisions';
import type { Answer, CallOptions, CaseContext, Need } from '../case';
import { expectAccepted } from '../expect';
import { NO_PARTS, type CallInput, type RequestParts } from '../inputs/call-input';

/** What a case that calls an operation with valid credentials needs: credentials for one of its alternatives. */
export function access(operation: OperationModel): Need {
  return { alternatives: operation.security };
}

/** The run's credentials for the operation's first alternative it can satisfy (nothing for a public one). */
export function validParts(context: CaseContext, operation: OperationModel): RequestParts {
  if (operation.security.length === 0) return NO_PARTS;
  const [alternative] = context.credentials.usable(operation.security);
  if (!alternative)
    throw new Error(`No credentials for ${operation.operationId}; the plan should have skipped this case`);
  return context.credentials.partsFor(alternative);
}

/** Calls the operation with the run's credentials and `input` (its baseline by default): the usual valid call. */
export function callValid(
  context: CaseContext,
  operation: OperationModel,
  options?: CallOptions,
  input: CallInput = context.inputs(operation).baseline(),
): Promise<Answer> {
  return context.call(operation, input, validParts(context, operation), options);
}

/** How a valid call is sent and judged: accepted, unless the operation documents no success at all. */
export function acceptance(operation: OperationModel): {
  readonly options: CallOptions;
  readonly expect: (answer: Answer, rule: string, source?: RuleSource) => void;
} {
  const errorOnly = successStatus(operation) === undefined;
  return {
    options: { errorOnly },
    expect: (answer, rule, source) => {
      // Its documented errors are all it can answer; their shapes are checked as they arrive.
      if (!errorOnly) expectAccepted(answer, 'positive_data_acceptance', rule, source);
    },
  };
}
