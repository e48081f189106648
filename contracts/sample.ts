import type { SuiteConfig } from './config';
import type { OperationModel } from '../spec/operation';

/**
 * Large documents within a budget (issue 17, item 7): every operation gets its valid call, and up
 * to NEXUS_MAX_OPERATIONS of them, drawn by the run's seed (the same seed draws the same ones),
 * get every other check. The run says what it sampled.
 */
export interface Sampling {
  readonly operations: number;
  /** Operations that got every check; the others got their valid call only. */
  readonly fullyChecked: readonly string[];
  /** One line for the summary, or undefined when every operation got every check. */
  readonly note: string | undefined;
}

export function sampleOperations(
  operations: readonly OperationModel[],
  config: Pick<SuiteConfig, 'maxOperations' | 'seed'>,
): { full: OperationModel[]; sampling: Sampling } {
  const { maxOperations, seed } = config;
  if (operations.length <= maxOperations)
    return {
      full: [...operations],
      sampling: {
        operations: operations.length,
        fullyChecked: operations.map((o) => o.operationId),
        note: undefined,
      },
    };
  const order = operations.map((operation, index) => ({ operation, key: mix(seed, index) }));
  order.sort((a, b) => a.key - b.key);
  const chosen = new Set(order.slice(0, maxOperations).map((o) => o.operation));
  // In the document's order, so a run reads as the document does.
  const full = operations.filter((o) => chosen.has(o));
  return {
    full,
    sampling: {
      operations: operations.length,
      fullyChecked: full.map((o) => o.operationId),
      note: `sampled: every one of the ${operations.length} operations got its valid call; ${full.length} of them, drawn by seed ${seed}, got every check (NEXUS_MAX_OPERATIONS=${maxOperations}; the list is fullyChecked in contracts-summary.json)`,
    },
  };
}

/**
 * The request budget when NEXUS_MAX_REQUESTS is not set: 1000, or for a document of more than 333
 * operations three per operation (its valid call, and room for the sample's other checks).
 */
export function defaultRequestBudget(operations: number): number {
  return Math.max(1000, 3 * operations);
}

/** A well-spread 32-bit hash of (seed, index): a seeded order without a random source. */
function mix(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
