import Ajv2020 from 'ajv/dist/2020';
import { describeErrors } from '../../spec/schemas';
import type { MfaFactor } from '../../spec/types';

/** What a scenario does to the enrollment requests it matches. */
export const FAULTS = ['connection-reset', 'empty-response', 'malformed-body'] as const;
export type Fault = (typeof FAULTS)[number];

export interface ScenarioMatch {
  readonly userId?: string;
  readonly factor?: MfaFactor;
  readonly isInteractive?: boolean;
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
  readonly userId: string;
  readonly factor: MfaFactor | null;
  readonly isInteractive: boolean;
}

export function matches(scenario: Scenario, request: ScenarioRequest): boolean {
  if (scenario.remaining === 0) return false;
  const { match } = scenario;
  if (!match) return true;
  return (
    (match.userId === undefined || match.userId === request.userId) &&
    (match.factor === undefined || match.factor === request.factor) &&
    (match.isInteractive === undefined || match.isInteractive === request.isInteractive)
  );
}

export type DraftValidation =
  | { readonly ok: true; readonly draft: ScenarioDraft }
  | { readonly ok: false; readonly errors: readonly { field: string; message: string }[] };

/** Why a forced status, example or dynamic body cannot be served (the response forcer knows). */
export type ChoiceCheck = (choice: {
  status?: number;
  example?: string;
  dynamic?: boolean;
}) => { field: string; message: string } | undefined;

/**
 * Checks a scenario body and names every bad field. `checkChoice` is the response forcer's own
 * check, so a scenario is refused exactly when `Prefer` would be: only what the spec documents.
 */
export function createDraftValidator(factors: readonly MfaFactor[], checkChoice: ChoiceCheck) {
  // strictRequired off: `anyOf: [{required: [status]} ...]` names properties defined one level up.
  // validateSchema off: the schema below is ours and tested; meta-validation would cost start-up time.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, validateSchema: false });
  const validate = ajv.compile({
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      description: { type: 'string', maxLength: 500 },
      status: { type: 'integer', minimum: 100, maximum: 599 },
      times: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      delayMs: { type: 'integer', minimum: 0, maximum: 120_000 },
      fault: { enum: [...FAULTS] },
      example: { type: 'string', minLength: 1 },
      dynamic: { type: 'boolean' },
      match: {
        type: 'object',
        additionalProperties: false,
        properties: {
          userId: { type: 'string', minLength: 1 },
          factor: { enum: [...factors] },
          isInteractive: { type: 'boolean' },
        },
      },
    },
    anyOf: [{ required: ['status'] }, { required: ['delayMs'] }, { required: ['fault'] }],
  });
  return (body: unknown): DraftValidation => {
    if (!validate(body)) {
      const raw = validate.errors ?? [];
      // The anyOf's three `required` failures say one thing: the scenario does nothing.
      const doesNothing = raw.some((e) => e.keyword === 'anyOf');
      const rest = raw.filter(
        (e) => e.keyword !== 'anyOf' && !(e.keyword === 'required' && e.instancePath === ''),
      );
      const errors = describeErrors(rest).map((v) => ({ field: v.path || '(body)', message: v.message }));
      if (doesNothing)
        errors.unshift({ field: 'status', message: 'a scenario needs status, delayMs or fault' });
      return { ok: false, errors };
    }
    const draft = body as ScenarioDraft;
    const refused = checkChoice(draft);
    return refused ? { ok: false, errors: [refused] } : { ok: true, draft };
  };
}
