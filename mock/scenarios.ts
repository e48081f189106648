import Ajv2020 from 'ajv/dist/2020';
import type { MfaFactor } from '../spec/types';

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

/**
 * Checks a scenario body and names every bad field. `isServable` says whether a status has a
 * documented response (its own, or `default` for errors), so a scenario can only force what the spec documents.
 */
export function createDraftValidator(factors: readonly MfaFactor[], isServable: (status: number) => boolean) {
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
      const errors = (validate.errors ?? []).map((error) => {
        const path = error.instancePath.slice(1).replace(/\//g, '.');
        if (error.keyword === 'additionalProperties') {
          return {
            field: [path, String(error.params.additionalProperty)].filter(Boolean).join('.'),
            message: 'is not a scenario field',
          };
        }
        if (error.keyword === 'anyOf' || (error.keyword === 'required' && path === '')) {
          return { field: 'status', message: 'a scenario needs status, delayMs or fault' };
        }
        const allowed =
          error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : '';
        return { field: path || '(body)', message: `${error.message ?? 'is invalid'}${allowed}` };
      });
      return { ok: false, errors: dedupe(errors) };
    }
    const draft = body as ScenarioDraft;
    if (draft.status !== undefined && !isServable(draft.status)) {
      return {
        ok: false,
        errors: [
          {
            field: 'status',
            message: `${draft.status} has no documented response (use a documented status or any 4xx/5xx)`,
          },
        ],
      };
    }
    return { ok: true, draft };
  };
}

function dedupe<T extends { field: string; message: string }>(errors: T[]): T[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(`${e.field}:${e.message}`) && seen.add(`${e.field}:${e.message}`));
}
