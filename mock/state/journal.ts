import { parse as parseQuery } from 'node:querystring';

/**
 * One request as the journal keeps it: what arrived and why the mock answered as it did. It never
 * holds a credential: headers are not kept at all, and the user is the derived user id.
 */
export interface JournalRecord {
  readonly id: string;
  /** Epoch milliseconds; the API shows ISO 8601 (formatting is left to the rare read, not every write). */
  readonly at: number;
  readonly session: string;
  readonly method: string;
  /**
   * The request target (path and query) as it arrived; the API's path and query are derived from it
   * when read. It is a string the request holds anyway, where its parsed query (a dictionary object)
   * was two fifths of what each record kept. A target that is long or holds an API key is kept as its
   * clipped path, and its query in `query`.
   */
  readonly target: string;
  /** Only for a target kept as its path: the query as parsed, clipped, API keys replaced by `[REDACTED]`. */
  readonly query: Readonly<Record<string, unknown>> | undefined;
  /** The operation of the document the request was routed to; null for other routes. */
  readonly operation: string | null;
  /** null when no response was sent (a fault, a client that went away). */
  readonly status: number | null;
  readonly userId: string | null;
  readonly decision: string | null;
  readonly scenario: string | null;
  readonly durationMs: number;
}

/** A record as `GET /__admin/requests` shows it. */
export interface JournalEntry extends Omit<JournalRecord, 'at' | 'target' | 'query'> {
  readonly at: string;
  readonly path: string;
  /** The query as parsed, API keys sent in it replaced by `[REDACTED]`. */
  readonly query: Readonly<Record<string, unknown>>;
}

export interface JournalFilter {
  readonly limit: number;
  readonly status?: number;
  readonly userId?: string;
  readonly operation?: string;
}

/** Newest first, filtered, at most `limit`. */
export function selectEntries(records: readonly JournalRecord[], filter: JournalFilter): JournalEntry[] {
  const selected: JournalEntry[] = [];
  for (let i = records.length - 1; i >= 0 && selected.length < filter.limit; i--) {
    const record = records[i];
    if (!record) continue;
    if (filter.status !== undefined && record.status !== filter.status) continue;
    if (filter.userId !== undefined && record.userId !== filter.userId) continue;
    if (filter.operation !== undefined && record.operation !== filter.operation) continue;
    selected.push(entryOf(record));
  }
  return selected;
}

function entryOf(record: JournalRecord): JournalEntry {
  const { target } = record;
  const mark = target.indexOf('?');
  return {
    id: record.id,
    at: new Date(record.at).toISOString(),
    session: record.session,
    method: record.method,
    path: mark === -1 ? target : target.slice(0, mark),
    query: record.query ?? (mark === -1 ? {} : clipQuery(parseQuery(target.slice(mark + 1)))),
    operation: record.operation,
    status: record.status,
    userId: record.userId,
    decision: record.decision,
    scenario: record.scenario,
    durationMs: record.durationMs,
  };
}

/** Longest string the journal keeps of a path or a query value; a fuzzer's megabyte stays out. */
const MAX_TEXT = 256;

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** What the journal reads of a request (the HTTP prelude's context is one). */
export interface JournalSource {
  readonly id: string;
  readonly session: string;
  /** The request target as it arrived. */
  readonly url: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  readonly operationId?: string | undefined;
  readonly userId?: string | undefined;
  readonly decision?: string | undefined;
  readonly scenario?: string | undefined;
}

export function journalRecord(
  context: JournalSource,
  method: string,
  status: number | null,
  at: number,
  durationMs: number,
  secretQuery: ReadonlySet<string>,
): JournalRecord {
  // A short target holds no path or query value longer than MAX_TEXT: reading clips only long lists.
  const asArrived = context.url.length <= MAX_TEXT && !holdsAny(context.query, secretQuery);
  return {
    id: context.id,
    at,
    session: context.session,
    method,
    target: asArrived ? context.url : clip(context.path),
    query: asArrived ? undefined : clipQuery(redactQuery(context.query, secretQuery)),
    operation: context.operationId ?? null,
    status,
    userId: context.userId ?? null,
    decision: context.decision ?? null,
    scenario: context.scenario ?? null,
    durationMs: Math.round(durationMs * 100) / 100,
  };
}

function holdsAny(query: Readonly<Record<string, unknown>>, names: ReadonlySet<string>): boolean {
  return names.size > 0 && Object.keys(query).some((k) => names.has(k));
}

/** The query with the values of the named parameters (API keys) replaced: a journal never holds a credential. */
export function redactQuery(
  query: Readonly<Record<string, unknown>>,
  names: ReadonlySet<string>,
): Readonly<Record<string, unknown>> {
  if (!holdsAny(query, names)) return query;
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, names.has(k) ? '[REDACTED]' : v]));
}

/** The parsed query as it is (nobody else changes it), or a clipped copy when something is too long. */
function clipQuery(query: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let long = false;
  for (const key in query) {
    const value = query[key];
    if (key.length > MAX_TEXT || (typeof value === 'string' ? value.length > MAX_TEXT : Array.isArray(value)))
      long = true;
  }
  if (!long) return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      clip(name),
      Array.isArray(value) ? value.slice(0, 20).map((v) => clip(String(v))) : clip(String(value)),
    ]),
  );
}
