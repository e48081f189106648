/**
 * What a client asked the mock to answer, Prism-style: the `Prefer` header (RFC 7240) with `code`,
 * `example` and `dynamic`, or their query twins `__code`, `__example`, `__dynamic` (which win).
 */
export interface Preferences {
  readonly code?: string;
  readonly example?: string;
  readonly dynamic?: string;
}

const NAMES = ['code', 'example', 'dynamic'] as const;

export function readPreferences(
  header: string | string[] | undefined,
  query: Readonly<Record<string, unknown>>,
): Preferences | undefined {
  if (
    header === undefined &&
    query.__code === undefined &&
    query.__example === undefined &&
    query.__dynamic === undefined
  ) {
    return undefined;
  }
  const found: Record<string, string> = {};
  if (header !== undefined) {
    for (const part of [header].flat().join(',').split(',')) {
      // `name=value` or `name="value"`, optionally followed by `; parameters` (ignored).
      const match = /^\s*([A-Za-z-]+)\s*(?:=\s*(?:"([^"]*)"|([^;\s]*)))?/.exec(part);
      const name = match?.[1]?.toLowerCase();
      if (name && (NAMES as readonly string[]).includes(name)) found[name] = match?.[2] ?? match?.[3] ?? '';
    }
  }
  for (const name of NAMES) {
    const value: unknown = query[`__${name}`];
    const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (typeof first === 'string') found[name] = first;
  }
  return Object.keys(found).length === 0 ? undefined : found;
}

/** `code=404,dynamic=true`: how the decision header and the journal name a preference. */
export function describePreferences(preferences: Preferences): string {
  return NAMES.flatMap((name) =>
    preferences[name] === undefined ? [] : [`${name}=${preferences[name] ?? ''}`],
  ).join(',');
}
