import type { EngineState } from './engine-state';
import type { TicketStore, RecordTypes } from './records';

export type { Completion } from './records';

/**
 * Everything the mock remembers, partitioned by session: the engine's own state and the records of
 * the behaviour it serves, typed with that behaviour's records (`R`). The contract that `MemoryStore`
 * and the shared `RedisStore` (`redis/`) both follow, so that one can replace the other without
 * touching the handlers. Every method is one atomic step (in Redis: one script), so concurrent
 * requests, in one process or several, cannot interleave inside it. (An enrollment takes two
 * steps, the user and then the ticket with its email: a user deleted between them still gets that
 * one ticket, as with a real API.) A store may forget a whole session at any time to stay bounded,
 * as if it had been reset.
 */
export interface Store<R extends RecordTypes = RecordTypes> extends EngineState, TicketStore<R> {
  /** How much the store holds, for the memory benchmark and health checks. */
  counts(): Promise<StoreCounts>;
}

export interface StoreCounts {
  readonly sessions: number;
  /** Live users; the deleted ones that the store remembers are `deletedUsers`. */
  readonly users: number;
  readonly deletedUsers: number;
  readonly tickets: number;
  readonly emails: number;
}

export class ScenarioLimit extends Error {
  constructor(readonly limit: number) {
    super(`A session holds at most ${limit} scenarios`);
    this.name = 'ScenarioLimit';
  }
}
