import type { OperationModel } from '../../spec/operation';
import { CREATE_MFA_ENROLLMENT } from '../../spec/types';
import type { CaseContext, ContractCase } from '../case';
import { CHECK, withInteractive } from '../behaviours/enrollment';
import { expectStatus } from '../expect';
import { caseId } from './ids';
import { access, callValid } from './operation-access';

/**
 * What the seed says the enrollment does, each made sure of once here (and checked on every answer
 * of the run by `enrollmentContract`): the interactive URL, the email when not interactive or by
 * default, a new ticket id each time.
 */
export function behaviourCases(operations: readonly OperationModel[]): ContractCase[] {
  const operation = operations.find((o) => o.operationId === CREATE_MFA_ENROLLMENT);
  if (!operation) return [];
  const enroll = (value: boolean | undefined) => async (context: CaseContext) => {
    const answer = await callValid(
      context,
      operation,
      {},
      withInteractive(operation, context.inputs(operation).baseline(), value),
    );
    expectStatus(answer, 200, CHECK, 'the enrollment must succeed');
  };
  return [
    {
      id: caseId('behaviour', operation, 'interactive-returns-url'),
      group: 'behaviour',
      title: 'answers isInteractive=true with the enrollment URL and no email',
      needs: [access(operation)],
      run: enroll(true),
    },
    {
      id: caseId('behaviour', operation, 'non-interactive-sends-email'),
      group: 'behaviour',
      title: 'answers isInteractive=false by emailing the link',
      needs: [access(operation), 'email'],
      run: enroll(false),
    },
    {
      id: caseId('behaviour', operation, 'default-sends-email'),
      group: 'behaviour',
      title: 'emails the link when isInteractive is absent (default false)',
      needs: [access(operation), 'email'],
      run: enroll(undefined),
    },
    {
      id: caseId('behaviour', operation, 'unique-ticket-ids'),
      group: 'behaviour',
      title: 'gives every successful enrollment a non-empty ticket id of its own',
      needs: [access(operation)],
      run: async (context) => {
        for (let i = 0; i < 3; i++) await enroll(true)(context);
      },
    },
  ];
}
