/**
 * Journal entries recorded in one turn of the event loop go to Redis together, one write per
 * session: under load the journal costs a fraction of a script per request. (An entry is written
 * after its answer was sent; nothing a client was told depends on it.)
 */
export class JournalBatcher {
  private batch: { entries: Map<string, string[]>; done: Promise<void> } | undefined;

  /** `write` stores one session's entries (JSON, oldest first) in one step. */
  constructor(private readonly write: (session: string, entries: readonly string[]) => Promise<unknown>) {}

  /** Resolves once the entry is in Redis, with the rest of its turn's entries. */
  record(session: string, json: string): Promise<void> {
    let batch = this.batch;
    if (!batch) {
      const entries = new Map<string, string[]>();
      const done = new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          this.batch = undefined;
          Promise.all([...entries].map(([name, list]) => this.write(name, list))).then(() => {
            resolve();
          }, reject);
        });
      });
      batch = this.batch = { entries, done };
    }
    const list = batch.entries.get(session);
    if (list) list.push(json);
    else batch.entries.set(session, [json]);
    return batch.done;
  }
}
