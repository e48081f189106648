/**
 * One request as the journal keeps it: what arrived and why the mock answered as it did. It never
 * holds a credential: headers are not kept at all, and the user is the derived user id.
 */
export interface JournalEntry {
  readonly id: string;
  readonly at: string;
  readonly session: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  /** null when no response was sent (a fault, a client that went away). */
  readonly status: number | null;
  readonly userId: string | null;
  readonly decision: string | null;
  readonly scenario: string | null;
  readonly durationMs: number;
}

export interface JournalFilter {
  readonly limit: number;
  readonly status?: number;
  readonly userId?: string;
}

/** Newest first, filtered, at most `limit`. */
export function selectEntries(entries: readonly JournalEntry[], filter: JournalFilter): JournalEntry[] {
  const selected: JournalEntry[] = [];
  for (let i = entries.length - 1; i >= 0 && selected.length < filter.limit; i--) {
    const entry = entries[i];
    if (!entry) continue;
    if (filter.status !== undefined && entry.status !== filter.status) continue;
    if (filter.userId !== undefined && entry.userId !== filter.userId) continue;
    selected.push(entry);
  }
  return selected;
}

/** Longest string the journal keeps of a path or a query value; a fuzzer's megabyte stays out. */
const MAX_TEXT = 256;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** The journal entry for a finished request. */
export function journalEntry(
  context: {
    id: string;
    session: string;
    query: Readonly<Record<string, unknown>>;
    userId?: string;
    decision?: string;
    scenario?: string;
  },
  request: { method: string; path: string },
  status: number | null,
  at: number,
  durationMs: number,
): JournalEntry {
  return {
    id: context.id,
    at: new Date(at).toISOString(),
    session: context.session,
    method: request.method,
    path: clip(request.path),
    query: Object.fromEntries(
      Object.entries(context.query).map(([name, value]) => [
        clip(name),
        Array.isArray(value) ? value.map((v) => clip(String(v))) : clip(String(value)),
      ]),
    ),
    status,
    userId: context.userId ?? null,
    decision: context.decision ?? null,
    scenario: context.scenario ?? null,
    durationMs: Math.round(durationMs * 100) / 100,
  };
}
