import type { JournalRecord } from './journal';
import type { ReplicaChannel } from './replica-channel';
import type { Scenario, ScenarioDraft, ScenarioRequest } from './scenarios';

/**
 * What the engine itself keeps, per session, whatever behaviours the mock serves: scenarios, the
 * request journal, sequence counters and the sessions themselves. Every method is one atomic step.
 */
export interface EngineState {
  /** Which implementation this is (`memory`, `redis`), as `GET /__admin/health` shows it. */
  readonly backend: string;

  /** Stores a scenario under a new id (`scn_1`, `scn_2` ...); rejects with `ScenarioLimit` when full. */
  addScenario(session: string, draft: ScenarioDraft, now: number): Promise<Scenario>;
  /** Oldest first, exhausted ones included. */
  listScenarios(session: string): Promise<readonly Scenario[]>;
  removeScenario(session: string, id: string): Promise<boolean>;
  /** The oldest scenario that matches and has uses left, counted as fired: one atomic step. */
  claimScenario(session: string, request: ScenarioRequest): Promise<Scenario | undefined>;

  recordRequest(session: string, entry: JournalRecord): Promise<void>;
  /** Oldest first. */
  listRequests(session: string): Promise<readonly JournalRecord[]>;

  /**
   * The next number of the session's `counter`: 1, 2, 3 ... for each (session, counter) on its own
   * (in Redis, `HINCRBY`). Seeded values (generated bodies, latency draws) take their numbers from
   * here so that one session's traffic never changes another's data. Counter names should come from
   * the mock's code, not from a request: a store need not bound how many a session holds.
   */
  nextSequence(session: string, counter: string): Promise<number>;

  /** The names of the sessions the store holds now, in no particular order (the console's session picker). */
  listSessions(): Promise<readonly string[]>;

  /** Forgets everything the session holds, sequences and behaviours' records included: it starts again as new. */
  reset(session: string): Promise<void>;

  /**
   * A channel named `name` to the other replicas sharing this store (the console's events use one),
   * for a store shared between processes; absent on a store that serves one process alone.
   */
  openChannel?(name: string): ReplicaChannel;
}
