import { asIs, assemble, record, splitList, type Read } from './assemble';
import type { Shape } from './shape';

/** Names and every value each was given: the query (`a=1&a=2`), or the cookies of a request. */
export interface Pairs {
  get(name: string): readonly string[] | undefined;
  keys(): Iterable<string>;
}

export interface QueryParameterPlan {
  readonly name: string;
  readonly style: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  readonly explode: boolean;
  readonly shape: Shape;
  /** For an exploded object: its declared properties, each its own key of the query. */
  readonly properties: readonly string[];
  /** For an exploded object: whether keys it does not declare are its too (`additionalProperties`). */
  readonly open: boolean;
  /** The names of the operation's other parameters here, which an open exploded object leaves alone. */
  readonly claimed: ReadonlySet<string>;
}

const DELIMITERS = { form: ',', spaceDelimited: ' ', pipeDelimited: '|', deepObject: ',' } as const;

/**
 * Reads a query (or cookie) parameter in its style: `form` (exploded, an array repeats its key,
 * `a=1&a=2`, and an object spreads into its own keys; otherwise `a=1,2`), `spaceDelimited`
 * (`a=1%202`), `pipeDelimited` (`a=1|2`) or `deepObject` (`a[x]=1&a[y]=2`). The pairs are
 * decoded already, so a delimiter the client percent-encoded splits like one it did not.
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 */
export function readQueryParameter(pairs: Pairs, plan: QueryParameterPlan): Read {
  if (plan.style === 'deepObject') return readDeepObject(pairs, plan.name);
  if (plan.shape === 'object' && plan.explode) return readExplodedObject(pairs, plan);
  const given = pairs.get(plan.name);
  if (given === undefined) return undefined;
  if (plan.shape === 'array' && plan.explode) {
    // `a=` alone is the empty array (OpenAPI's "empty" example row).
    return { value: given.length === 1 && given[0] === '' ? [] : [...given] };
  }
  const [only] = given;
  if (only === undefined) return undefined;
  if (given.length > 1) return { invalid: 'must be given once' };
  if (plan.shape === 'primitive') return { value: only };
  return assemble(splitList(only, DELIMITERS[plan.style]), plan.shape, false, asIs);
}

function readExplodedObject(pairs: Pairs, plan: QueryParameterPlan): Read {
  const names = plan.open ? [...pairs.keys()].filter((key) => !plan.claimed.has(key)) : plan.properties;
  const object = record();
  let found = false;
  for (const name of names) {
    const values = pairs.get(name);
    if (values === undefined) continue;
    found = true;
    object[name] = single(values);
  }
  return found ? { value: object } : undefined;
}

function readDeepObject(pairs: Pairs, name: string): Read {
  const prefix = `${name}[`;
  const object = record();
  let found = false;
  for (const key of pairs.keys()) {
    if (!key.startsWith(prefix) || !key.endsWith(']')) continue;
    const property = key.slice(prefix.length, -1);
    // OpenAPI defines one level (`a[x]`); deeper nesting (`a[x][y]`) has no defined meaning.
    if (property.includes('[') || property.includes(']')) continue;
    const values = pairs.get(key);
    if (values === undefined) continue;
    found = true;
    object[property] = single(values);
  }
  return found ? { value: object } : undefined;
}

/** A property given once is its value; given again, the list, for its schema to accept or not. */
function single(values: readonly string[]): unknown {
  return values.length === 1 ? values[0] : [...values];
}
