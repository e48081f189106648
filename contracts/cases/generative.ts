import fc from 'fast-check';
import { decisionAt, type RuleSource } from '../../spec/decisions';
import type { OperationModel } from '../../spec/operation';
import type { CaseContext, ContractCase } from '../case';
import { expectConclusive, expectRejected } from '../expect';
import { toRequest, type CallInput, type RequestParts } from '../inputs/call-input';
import type { Alternative } from '../credentials';
import { ContractViolation, Inconclusive } from '../violation';
import { caseId } from './ids';
import { acceptance, access, validParts } from './operation-access';

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
  const cases: ContractCase[] = [
    {
      id: caseId('generative', operation, 'valid'),
      group: 'generative',
      title: `${operation.operationId} accepts generated valid inputs`,
      needs: [access(operation)],
      run: async (context) => {
        const { options, expect } = acceptance(operation);
        await property(
          context,
          operation,
          fc.tuple(
            context.inputs(operation).validArbitrary(),
            fc.constantFrom(...alternativesOf(context, operation)),
          ),
          ([input, alternative]) => ({ input, parts: context.credentials.partsFor(alternative) }),
          async ([input, alternative]) => {
            const answer = await context.call(
              operation,
              input,
              context.credentials.partsFor(alternative),
              options,
            );
            expect(answer, 'a generated valid input must be accepted');
          },
          ([input], violation) => decisionOfInput(context, input, violation),
        );
      },
    },
  ];
  if (operation.parameters.length > 0 || operation.requestBody !== undefined)
    cases.push({
      id: caseId('generative', operation, 'invalid'),
      group: 'generative',
      title: `${operation.operationId} rejects generated invalid inputs with a documented 4xx problem`,
      needs: [access(operation)],
      run: async (context) => {
        const invalid = context.inputs(operation).invalidArbitrary();
        // Only structured parameters (objects, content): the suite derives no invalid form of them.
        if (!invalid) return;
        await property(
          context,
          operation,
          fc.tuple(invalid, fc.constantFrom(...alternativesOf(context, operation))),
          ([{ input }, alternative]) => ({ input, parts: context.credentials.partsFor(alternative) }),
          async ([{ input, what, parameter }, alternative]) => {
            const answer = await context.call(operation, input, context.credentials.partsFor(alternative));
            const source =
              (parameter && decisionAt(context.spec.document, parameter.schemaPointer)) ?? 'seed';
            expectRejected(
              answer,
              'negative_data_rejection',
              `an invalid input (${what}) must be rejected`,
              source,
            );
          },
        );
      },
    });
  if (operation.parameters.some((p) => p.in === 'query'))
    cases.push({
      id: caseId('generative', operation, 'room'),
      group: 'generative',
      title: `${operation.operationId} answers inputs the spec leaves open without a server error`,
      needs: [access(operation)],
      // Every answer is checked against the document as it arrives (not_a_server_error among them).
      run: async (context) => {
        const parts = validParts(context, operation);
        for (const { input } of context.inputs(operation).room())
          expectConclusive(await context.call(operation, input, parts));
      },
    });
  if (operation.parameters.length > 0 || operation.requestBody !== undefined)
    cases.push({
      id: caseId('generative', operation, 'edges'),
      group: 'generative',
      title: `${operation.operationId} answers inputs where deployments break (lengths, non-ASCII, repeats, limits) without a server error`,
      needs: [access(operation)],
      run: async (context) => {
        const parts = validParts(context, operation);
        const edges = spread(context.inputs(operation).edges(), context.maxExamples);
        for (const { input, what, query } of edges) {
          const sent = query ? { ...parts, query: [...parts.query, ...query] } : parts;
          const answer = await context
            .call(operation, input, sent, { edge: true })
            .catch((error: unknown) => {
              // Which edge broke it, and the request to replay (each edge is already one minimal change).
              if (error instanceof ContractViolation)
                throw new ContractViolation(
                  error.check,
                  `${error.message}\nThe input: ${what} (NEXUS_CONTRACT_SEED=${context.seed}):\n  ${context.curl(toRequest(operation, input, sent))}`,
                  error.source,
                );
              throw error;
            });
          expectConclusive(answer);
        }
      },
    });
  return cases;
}

/** At most `max` of the items, spread evenly over the list (every kind of edge keeps some). */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]).filter(
    (item): item is T => item !== undefined,
  );
}

/** The security alternatives a generated input may use: each the run has credentials for (a public operation: none). */
function alternativesOf(context: CaseContext, operation: OperationModel): Alternative[] {
  return operation.security.length === 0 ? [[]] : context.credentials.usable(operation.security);
}

/**
 * Runs one property with the run's seed and budget. Shrinking stops after `SHRINK_REQUESTS` more
 * requests, or when the budget runs out: the smallest failing input found by then is the one
 * reported, with where its rule comes from (`sourceOf`, from that input). Inputs a rate limit
 * answered are inconclusive; a property no input could decide is skipped, saying why.
 */
async function property<T>(
  context: CaseContext,
  operation: OperationModel,
  arbitrary: fc.Arbitrary<T>,
  request: (value: T) => { input: CallInput; parts: RequestParts },
  predicate: (value: T) => Promise<void>,
  sourceOf: (value: T, violation: ContractViolation) => RuleSource = (_, violation) => violation.source,
): Promise<void> {
  const numRuns = Math.max(1, Math.min(context.maxExamples, Math.floor(context.remaining() / 4)));
  let failedAt: number | undefined;
  let evaluations = 0;
  let decided = 0;
  let inconclusive: Inconclusive | undefined;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      evaluations++;
      // Past the shrinking allowance every candidate "passes", so fast-check keeps the last failure.
      if (failedAt !== undefined && (evaluations - failedAt > SHRINK_REQUESTS || context.remaining() === 0))
        return true;
      try {
        await predicate(value);
        decided++;
        return true;
      } catch (error) {
        if (error instanceof Inconclusive) {
          inconclusive = error;
          return true;
        }
        decided++;
        failedAt ??= evaluations;
        throw error;
      }
    }),
    { seed: context.seed, numRuns, endOnFailure: false },
  );
  if (!details.failed || details.counterexample === null) {
    if (decided === 0 && inconclusive) throw inconclusive;
    return;
  }
  const [value] = details.counterexample;
  const { input, parts } = request(value);
  const error = details.errorInstance;
  const violation =
    error instanceof ContractViolation ? error : new ContractViolation('case_error', String(error));
  const failure = new ContractViolation(
    violation.check,
    `${violation.message}\nMinimal failing request (${details.numShrinks} shrinks; NEXUS_CONTRACT_SEED=${context.seed} replays it):\n  ${context.curl(toRequest(operation, input, parts))}`,
    sourceOf(value, violation),
  );
  context.check(() => {
    throw failure;
  });
}

/** The decision behind refusing a valid input: the first decision-shaped value it carries (`factor`: D2). */
function decisionOfInput(context: CaseContext, input: CallInput, violation: ContractViolation): RuleSource {
  if (violation.check !== 'positive_data_acceptance') return violation.source;
  for (const { parameter } of input.parameters) {
    const decision = decisionAt(context.spec.document, parameter.schemaPointer);
    if (decision) return decision;
  }
  return violation.source;
}
