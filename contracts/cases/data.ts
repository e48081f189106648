import { decisionAt } from '../../spec/decisions';
import type { OperationModel } from '../../spec/operation';
import type { ContractCase } from '../case';
import { expectRejected } from '../expect';
import { caseId } from './ids';
import { acceptance, access, validParts } from './operation-access';

/**
 * The listed inputs of one operation, each sent once: a valid call (every answer of the run is
 * checked against the document as it arrives), every listed valid input (every enum member,
 * boundaries, every optional part) accepted, every listed invalid input rejected.
 */
export function dataCases(operation: OperationModel): ContractCase[] {
  const cases: ContractCase[] = [
    {
      id: caseId('conformance', operation, 'valid-call'),
      group: 'conformance',
      title: `${operation.operationId} answers a valid call with a documented response`,
      needs: [access(operation)],
      run: async (context) => {
        const inputs = context.inputs(operation);
        const unsendable = inputs.unsendable;
        if (unsendable) throw new Error(`${operation.operationId}: ${unsendable}`);
        const { options, expect } = acceptance(operation);
        const answer = await context.call(
          operation,
          inputs.baseline(),
          validParts(context, operation),
          options,
        );
        expect(answer, 'a valid call must be accepted');
      },
    },
    {
      id: caseId('positive', operation),
      group: 'positive',
      title: `${operation.operationId} accepts every listed valid input (enum members, boundaries, optional parts)`,
      needs: [access(operation)],
      run: async (context) => {
        const parts = validParts(context, operation);
        const { options, expect } = acceptance(operation);
        for (const { input, what, parameter: changed } of context.inputs(operation).positives()) {
          const answer = await context.call(operation, input, parts, options);
          const source = (changed && decisionAt(context.spec.document, changed.schemaPointer)) ?? 'seed';
          context.check(() => {
            expect(answer, `a valid input (${what}) must be accepted`, source);
          });
        }
      },
    },
    {
      id: caseId('negative', operation),
      group: 'negative',
      title: `${operation.operationId} rejects every listed invalid input with a documented 4xx problem`,
      needs: [access(operation)],
      run: async (context) => {
        const parts = validParts(context, operation);
        for (const { input, what, parameter: changed } of context.inputs(operation).negatives()) {
          const answer = await context.call(operation, input, parts);
          const source = (changed && decisionAt(context.spec.document, changed.schemaPointer)) ?? 'seed';
          context.check(() => {
            expectRejected(
              answer,
              'negative_data_rejection',
              `an invalid input (${what}) must be rejected`,
              source,
            );
          });
        }
      },
    },
  ];
  return cases;
}
