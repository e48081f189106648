import type { ContractCase } from './case';
import { authCases } from './cases/auth';
import { behaviourCases } from './cases/behaviour';
import { conformanceCases } from './cases/conformance';
import { mockCases } from './cases/mock';
import { negativeCases } from './cases/negative';

/** Every rule of the contract, in the order a run checks them. */
export const SUITE: readonly ContractCase[] = [
  ...conformanceCases,
  ...authCases,
  ...negativeCases,
  ...behaviourCases,
  ...mockCases,
];
