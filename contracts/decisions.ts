import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SPEC_PATH } from '../spec/document';
import type { RuleSource } from '../spec/decisions';

export type { RuleSource } from '../spec/decisions';

/**
 * The rules the suite enforces beyond the document: the second table of ASSUMPTIONS.md.
 * `contracts/decisions.test.ts` keeps the two in step.
 */
export const SUITE_DECISIONS = {
  credentialForms: 'D13',
  nonNullTicketId: 'D14',
  undocumentedMethods: 'D15',
  interactiveSendsNoEmail: 'D16',
} as const satisfies Record<string, RuleSource>;

const ASSUMPTIONS_PATH = path.join(path.dirname(SPEC_PATH), 'ASSUMPTIONS.md');

/** Every decision's short name by id (`D2` → `factor list`), read from ASSUMPTIONS.md. */
export function loadDecisionNames(file = ASSUMPTIONS_PATH): ReadonlyMap<string, string> {
  if (!existsSync(file)) return new Map();
  const text = readFileSync(file, 'utf8');
  return new Map(
    [...text.matchAll(/^\| (D\d+) \| ([^|]+?) \|/gm)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()]),
  );
}

/** `seed`, or `D2: factor list`: what every failure message starts its provenance with. */
export function describeSource(source: RuleSource, names: ReadonlyMap<string, string>): string {
  if (source === 'seed') return 'seed';
  const name = names.get(source);
  return name === undefined ? source : `${source}: ${name}`;
}
