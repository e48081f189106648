import { HttpProblem } from '../http/problems';

type Query = Readonly<Record<string, unknown>>;

/** An admin query parameter given at most once (a repeated one is refused with 400). */
export function oneParameter(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw HttpProblem.of('invalid-admin-request', `The ${name} parameter must be given once.`);
}

export function enumParameter<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = oneParameter(query, name);
  if (value === undefined) return undefined;
  const match = allowed.find((a) => a === value);
  if (match === undefined)
    throw HttpProblem.of(
      'invalid-admin-request',
      `The ${name} parameter must be one of: ${allowed.join(', ')}.`,
    );
  return match;
}

export function integerParameter(query: Query, name: string, min: number, max: number): number | undefined {
  const text = oneParameter(query, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw HttpProblem.of(
      'invalid-admin-request',
      `The ${name} parameter must be a whole number from ${min} to ${max}.`,
    );
  }
  return Number(text);
}
