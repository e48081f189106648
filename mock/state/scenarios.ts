import { isDeepStrictEqual } from 'node:util';
import { responseKeyFor } from '../../spec/responses';
import type { ResponseKey } from '../../spec/operation';

/** What a scenario does to the requests it matches. */
export const FAULTS = ['connection-reset', 'empty-response', 'malformed-body'] as const;
export type Fault = (typeof FAULTS)[number];

/**
 * Which requests a scenario acts on: an operation (by operationId; absent: every operation), a user,
 * and any parameter of the document by name, compared with the request's validated value
 * (`{"factor": "otp", "isInteractive": true}`).
 */
export interface ScenarioMatch {
  readonly operation?: string;
  readonly userId?: string;
  readonly [parameter: string]: unknown;
}

/** A scenario as a client writes it (`POST /__admin/scenarios`) or the catalogue holds it. */
export interface ScenarioDraft {
  readonly name?: string;
  readonly description?: string;
  readonly status?: number;
  /** How many matching requests it acts on; absent: every one until it is removed. */
  readonly times?: number;
  readonly delayMs?: number;
  readonly fault?: Fault;
  /** A named example of the spec for the forced status's body (as `Prefer: example=`). */
  readonly example?: string;
  /** A body generated from the schema (as `Prefer: dynamic=true`). */
  readonly dynamic?: boolean;
  readonly match?: ScenarioMatch;
}

export interface Scenario extends ScenarioDraft {
  readonly id: string;
  readonly createdAt: string;
  /** How many requests it has acted on. */
  readonly fired: number;
  /** How many more it will act on; null for no limit. */
  readonly remaining: number | null;
}

/** The request a scenario is matched against: only what survived authentication and validation. */
export interface ScenarioRequest {
  readonly operation: string;
  readonly userId: string | undefined;
  /** The validated parameters, by location and name. */
  readonly parameters: Readonly<
    Record<'path' | 'query' | 'header' | 'cookie', Readonly<Record<string, unknown>>>
  >;
  /** The operation's documented responses: a scenario whose status it cannot serve passes it by. */
  readonly responses: ReadonlySet<ResponseKey>;
  /** The operation's named examples as `KEY NAME` (`200 two`): nor does one whose example it lacks. */
  readonly examples: ReadonlySet<string>;
}

export function matches(scenario: Scenario, request: ScenarioRequest): boolean {
  if (scenario.remaining === 0) return false;
  if (scenario.status !== undefined) {
    const key = responseKeyFor(scenario.status, request.responses);
    if (key === undefined) return false;
    if (scenario.example !== undefined && !request.examples.has(`${String(key)} ${scenario.example}`))
      return false;
  }
  const { match } = scenario;
  if (!match) return true;
  for (const [name, wanted] of Object.entries(match)) {
    if (wanted === undefined) continue;
    if (name === 'operation') {
      if (wanted !== request.operation) return false;
    } else if (name === 'userId') {
      if (wanted !== request.userId) return false;
    } else if (!isDeepStrictEqual(wanted, parameterValue(request.parameters, name))) return false;
  }
  return true;
}

/** A parameter's value by name, whatever its location (the query's first, as a client sees it most). */
function parameterValue(parameters: ScenarioRequest['parameters'], name: string): unknown {
  for (const location of LOCATIONS) {
    const values = parameters[location];
    if (Object.hasOwn(values, name)) return values[name];
  }
  return undefined;
}

const LOCATIONS = ['query', 'path', 'header', 'cookie'] as const;
