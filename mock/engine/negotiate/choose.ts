import { responseFor, successStatus, type OperationModel, type ResponseKey } from '../../../spec/operation';
import { describePreferences, type Preferences } from './prefer';

/** A response picked by the client (`Prefer`) or a scenario, rather than by the mock's state. */
export interface Choice {
  readonly status: number;
  /** A named example of the spec for the body. */
  readonly example?: string;
  /** A body generated from the schema. */
  readonly dynamic?: boolean;
}

export type Resolution =
  | { readonly ok: true; readonly choice: Choice; readonly decision: string }
  | { readonly ok: false; readonly detail: string };

/** Why a choice cannot be served, naming the field of a scenario it comes from. */
export interface Refusal {
  readonly field: 'status' | 'example' | 'dynamic';
  readonly message: string;
}

/**
 * Turns `Prefer` (code, example, dynamic) into the response to serve, or says what is allowed.
 * Only what the operation documents can be chosen: a status of its own, or any 4xx/5xx when it has
 * a `default` response. A pure function of the operation and the preferences.
 */
export function choose(operation: OperationModel, preferences: Preferences): Resolution {
  const { code, example, dynamic } = preferences;
  const decision = `prefer:${describePreferences(preferences)}`;
  if (code !== undefined && !/^[1-5]\d\d$/.test(code)) {
    return {
      ok: false,
      detail: `Prefer code=${code} is not an HTTP status. Allowed: ${allowedCodes(operation)}.`,
    };
  }
  const status = code === undefined ? undefined : Number(code);
  if (status !== undefined && responseFor(operation, status) === undefined) {
    return {
      ok: false,
      detail: `Prefer code=${code} is not documented for this operation. Allowed: ${allowedCodes(operation)}.`,
    };
  }
  if (dynamic !== undefined && dynamic !== 'true' && dynamic !== 'false') {
    return { ok: false, detail: `Prefer dynamic=${dynamic} must be true or false.` };
  }
  if (example !== undefined) {
    const all = examplesOf(operation);
    const found = all.find(
      (e) => e.name === example && (status === undefined || responseFor(operation, status)?.key === e.key),
    );
    if (!found) {
      const names = all.map((e) => `${e.name} (${String(e.key)})`).join(', ');
      const of = status === undefined ? '' : ` of ${status}`;
      return {
        ok: false,
        detail: `Prefer example=${example} names no example${of}. Examples: ${names || 'none'}.`,
      };
    }
    if (dynamic === 'true')
      return { ok: false, detail: 'Prefer example and dynamic=true cannot be combined: pick one.' };
    return { ok: true, choice: { status: status ?? statusOfExample(found), example }, decision };
  }
  if (status === undefined && dynamic !== 'true') {
    return { ok: false, detail: `Prefer dynamic=${dynamic ?? ''} needs a code or an example to act on.` };
  }
  const success = status ?? successStatus(operation);
  if (success === undefined) {
    return {
      ok: false,
      detail: `Prefer dynamic=true needs a code: this operation documents no success response.`,
    };
  }
  return { ok: true, choice: { status: success, dynamic: dynamic === 'true' }, decision };
}

/**
 * Why a scenario's status, example or dynamic cannot be served by the operation, or undefined when
 * it can: a scenario is refused exactly when `Prefer` would be.
 */
export function explainChoice(
  operation: OperationModel,
  choice: { readonly status?: number; readonly example?: string; readonly dynamic?: boolean },
): Refusal | undefined {
  if (choice.status === undefined) {
    return choice.example !== undefined || choice.dynamic !== undefined
      ? { field: 'status', message: 'is required with example or dynamic' }
      : undefined;
  }
  const response = responseFor(operation, choice.status);
  if (!response) {
    return {
      field: 'status',
      message: `${choice.status} has no documented response. Allowed: ${allowedCodes(operation)}`,
    };
  }
  if (choice.example !== undefined) {
    if (choice.dynamic === true) return { field: 'dynamic', message: 'cannot be combined with example' };
    const own = examplesOf(operation)
      .filter((e) => e.key === response.key)
      .map((e) => e.name);
    if (!own.includes(choice.example)) {
      return {
        field: 'example',
        message: `names no example of ${choice.status}. Examples of ${choice.status}: ${own.join(', ') || 'none'}`,
      };
    }
  }
  return undefined;
}

/** `200, 400, 401, 404, or any other 4xx/5xx status (the default response)` */
export function allowedCodes(operation: OperationModel): string {
  const own = [...operation.responses.keys()].filter((k) => k !== 'default').map(String);
  return operation.responses.has('default')
    ? `${own.join(', ')}, or any other 4xx/5xx status (the default response)`
    : own.join(', ');
}

interface NamedExample {
  readonly name: string;
  readonly key: ResponseKey;
  readonly value: unknown;
}

const examplesCache = new WeakMap<OperationModel, readonly NamedExample[]>();

function examplesOf(operation: OperationModel): readonly NamedExample[] {
  let examples = examplesCache.get(operation);
  if (!examples) {
    examples = [...operation.responses.values()].flatMap((response) =>
      response.content.flatMap((media) =>
        [...media.examples].map(([name, value]) => ({ name, key: response.key, value })),
      ),
    );
    examplesCache.set(operation, examples);
  }
  return examples;
}

/** A `default` or range example says its status in its body (a problem's `status`); others are their response's. */
function statusOfExample({ key, value }: NamedExample): number {
  if (typeof key === 'number') return key;
  const status = (value as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number' && Number.isInteger(status)) {
    if (key === 'default' ? status >= 400 && status <= 599 : Math.floor(status / 100) === Number(key[0]))
      return status;
  }
  return key === 'default' ? 500 : Number(key[0]) * 100;
}
