import fc from 'fast-check';
import type { OperationModel } from '../../spec/operation';
import type { CaseContext, ContractCase } from '../case';
import { expectRejected } from '../expect';
import { toRequest, type CallInput, type RequestParts } from '../inputs/call-input';
import { ContractViolation } from '../violation';
import { caseId } from './ids';
import { acceptance, access, validParts } from './operation-access';

/** Generated inputs per property and operation, unless the request budget is shorter. */
const RUNS = 20;
/** After a failure, at most this many more requests go into shrinking it. */
const SHRINK_REQUESTS = 40;

/**
 * The generative phase for one operation (fast-check, seeded by NEXUS_CONTRACT_SEED): any valid
 * input (optional parts in or out, any values of the schemas, query parameters in any order, any
 * security alternative) must be accepted; any valid input with one invalid part must be rejected
 * with a documented 4xx; where the spec leaves room, either answer passes but never a 5xx. What the
 * seed says of the operation is checked on every answer. A failure is shrunk to a minimal request,
 * printed as a curl command with the credentials redacted.
 */
export function generativeCases(operation: OperationModel): ContractCase[] {
  const hasInputs = operation.parameters.length > 0 || operation.requestBody !== undefined;
  const hasQuery = operation.parameters.some((p) => p.in === 'query');
  const cases: ContractCase[] = [
    {
      id: caseId('generative', operation, 'valid'),
      group: 'generative',
      title: `${operation.operationId} accepts generated valid inputs`,
      needs: [access(operation)],
      run: async (context) => {
        const alternatives =
          operation.security.length === 0 ? [[]] : context.credentials.usable(operation.security);
        const inputs = context.inputs(operation);
        await property(
          context,
          operation,
          fc.tuple(inputs.validArbitrary(), fc.constantFrom(...alternatives)),
          ([input, alternative]) => ({ input, parts: context.credentials.partsFor(alternative) }),
          async ([input, alternative]) => {
            const { options, expect } = acceptance(operation);
            const answer = await context.call(
              operation,
              input,
              context.credentials.partsFor(alternative),
              options,
            );
            expect(answer, 'a generated valid input must be accepted');
          },
        );
      },
    },
    {
      id: caseId('generative', operation, 'invalid'),
      group: 'generative',
      title: `${operation.operationId} rejects generated invalid inputs with a documented 4xx problem`,
      needs: [access(operation)],
      run: async (context) => {
        const invalid = context.inputs(operation).invalidArbitrary();
        // Only structured parameters (objects, content) and nothing else: their invalid forms are not derived.
        if (!invalid) return;
        const alternatives =
          operation.security.length === 0 ? [[]] : context.credentials.usable(operation.security);
        await property(
          context,
          operation,
          fc.tuple(invalid, fc.constantFrom(...alternatives)),
          ([{ input }, alternative]) => ({ input, parts: context.credentials.partsFor(alternative) }),
          async ([{ input, what }, alternative]) => {
            const answer = await context.call(operation, input, context.credentials.partsFor(alternative));
            expectRejected(answer, 'negative_data_rejection', `an invalid input (${what}) must be rejected`);
          },
        );
      },
    },
    {
      id: caseId('generative', operation, 'room'),
      group: 'generative',
      title: `${operation.operationId} answers inputs the spec leaves open without a server error`,
      needs: [access(operation)],
      // Every answer is checked against the document as it arrives (not_a_server_error among them).
      run: async (context) => {
        const parts = validParts(context, operation);
        for (const { input } of context.inputs(operation).room()) await context.call(operation, input, parts);
      },
    },
  ];
  return cases.filter((c) =>
    c.id.endsWith('.invalid') ? hasInputs : c.id.endsWith('.room') ? hasQuery : true,
  );
}

/**
 * Runs one property with the run's seed and budget. Shrinking stops after `SHRINK_REQUESTS` more
 * requests: the smallest failing input found by then is the one reported.
 */
async function property<T>(
  context: CaseContext,
  operation: OperationModel,
  arbitrary: fc.Arbitrary<T>,
  request: (value: T) => { input: CallInput; parts: RequestParts },
  predicate: (value: T) => Promise<void>,
): Promise<void> {
  const numRuns = Math.max(1, Math.min(RUNS, Math.floor(context.remaining() / 4)));
  let failedAt: number | undefined;
  let evaluations = 0;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      evaluations++;
      // Past the shrinking allowance every candidate "passes", so fast-check keeps the last failure.
      if (failedAt !== undefined && evaluations - failedAt > SHRINK_REQUESTS) return true;
      try {
        await predicate(value);
        return true;
      } catch (error) {
        failedAt ??= evaluations;
        throw error;
      }
    }),
    { seed: context.seed, numRuns, endOnFailure: false },
  );
  if (!details.failed || details.counterexample === null) return;
  const [value] = details.counterexample;
  const { input, parts } = request(value);
  const error = details.errorInstance;
  const check = error instanceof ContractViolation ? error.check : 'case_error';
  const source = error instanceof ContractViolation ? error.source : 'seed';
  const message = error instanceof Error ? error.message : String(error);
  throw new ContractViolation(
    check,
    `${message}\nMinimal failing request (${details.numShrinks} shrinks; NEXUS_CONTRACT_SEED=${context.seed} replays it):\n  ${context.curl(toRequest(operation, input, parts))}`,
    source,
  );
}
