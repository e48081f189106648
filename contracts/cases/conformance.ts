import { NO_CREDENTIALS, type ContractCase } from '../case';
import { expectStatus } from '../expect';

/**
 * Every answer of every case is checked against the spec (status documented, media type, schema,
 * problem status) as it arrives; these cases make sure each kind of answer is seen at least once.
 */
export const conformanceCases: readonly ContractCase[] = [
  {
    id: 'conformance.success',
    group: 'conformance',
    title: 'answers an authenticated enrollment with the documented 200',
    needs: ['credentials'],
    run: async ({ enroll }) => {
      expectStatus(
        await enroll('isInteractive=true', 'any'),
        200,
        'status_code_conformance',
        'an authenticated, valid enrollment must succeed',
      );
    },
  },
  {
    id: 'conformance.unauthenticated',
    group: 'conformance',
    title: 'answers a request without credentials with a documented response',
    needs: [],
    run: async ({ enroll }) => {
      await enroll('isInteractive=true', NO_CREDENTIALS);
    },
  },
  {
    id: 'conformance.invalid-input',
    group: 'conformance',
    title: 'answers an invalid request with a documented response',
    needs: ['credentials'],
    run: async ({ enroll }) => {
      await enroll('isInteractive=not-a-boolean&factor=not-a-factor', 'any');
    },
  },
];
