import type { ContractCase } from '../case';
import { expectStatus } from '../expect';

const CHECK = 'negative_data_rejection';

export const negativeCases: readonly ContractCase[] = [
  {
    id: 'negative.is-interactive-not-boolean',
    group: 'negative',
    title: 'rejects an isInteractive that is not a boolean with 400 problem details',
    needs: ['credentials'],
    run: async ({ enroll }) => {
      expectStatus(await enroll('isInteractive=maybe', 'any'), 400, CHECK, 'isInteractive must be a boolean');
    },
  },
  {
    id: 'negative.undocumented-factor',
    group: 'negative',
    title: 'rejects a factor outside the documented list with 400 problem details',
    needs: ['credentials'],
    run: async ({ enroll, factors }) => {
      const undocumented = ['sms-code', 'not-a-factor', 'x'].find((f) => !factors.includes(f)) ?? 'x';
      // Interactive, so a server that wrongly accepts the request sends no email.
      const answer = await enroll(`isInteractive=true&factor=${undocumented}`, 'any');
      expectStatus(answer, 400, CHECK, `factor must be one of: ${factors.join(', ')}`);
    },
  },
];
