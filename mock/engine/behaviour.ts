import type { OperationModel } from '../../spec/operation';
import type { RequestContext } from '../http/context';
import type { ParameterValidation } from './validate/parameters';

/** The validated parameters of a request, by location and name. */
export type ParameterValues = Extract<ParameterValidation, { ok: true }>['values'];

/** A request that passed the engine's stages: authenticated, validated, not forced, not faulted. */
export interface OperationRequest {
  readonly operation: OperationModel;
  readonly context: RequestContext;
  /** The user the credentials name (a JWT's `sub`, a bearer token, a Basic user), if they name one. */
  readonly userId: string | undefined;
  /** The validated parameters: coerced to their schemas' types, defaults applied. */
  readonly params: ParameterValues;
  /** The parsed, validated request body (undefined when there is none). */
  readonly body: unknown;
  /** Where the client reaches the mock (`http://127.0.0.1:4010`), for URLs handed out. */
  readonly baseUrl: string;
}

/** What a behaviour answers: a status of the operation, a body, and why (`X-Mock-Decision`). */
export interface BehaviourAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly decision: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * What the seed says happens for one operation, bound by its `operationId`. The engine does
 * everything every operation shares (routing, security, validation, `Prefer`, scenarios, faults,
 * latency) and hands the behaviour only the success path; operations without a behaviour answer
 * from the document (an example, or a body generated from the schema).
 */
export interface Behaviour {
  readonly operationId: string;
  handle(request: OperationRequest): Promise<BehaviourAnswer>;
  /**
   * The body a forced `status` (Prefer, a scenario) gets when no example or dynamic body is asked
   * for: shaped like the real answer to this request, without touching any state. `n` numbers the
   * forced answers of the session, for ids. Undefined: the engine's default.
   */
  readonly imitate?: (status: number, request: OperationRequest, n: number) => unknown;
}
