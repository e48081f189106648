import type { JournalRecord } from '../journal';
import { DEFAULT_LIMITS, type MemoryStoreLimits } from '../memory-store';
import { pendingKey, type Completion, type RecordTypes } from '../records';
import { matches, type Scenario, type ScenarioDraft, type ScenarioRequest } from '../scenarios';
import { ScenarioLimit, type Store, type StoreCounts } from '../store';
import { parseEmail, parseJournalRecord, parseTicket, parseUser, scenarioOf, strings } from './codec';
import { RedisClient, type RedisClientOptions, type Reply } from './redis-client';
import { JournalBatcher } from './journal-batcher';
import { RedisChannel } from './redis-channel';
import { TicketNumbers } from './ticket-numbers';

export interface RedisStoreOptions extends RedisClientOptions {
  /** The same limits as the memory store's, held across every replica sharing the Redis. */
  readonly limits?: Partial<MemoryStoreLimits>;
  /** A session nobody writes to for this long leaves Redis, by Redis's own expiry. Default 48 hours. */
  readonly sessionTtlMs?: number;
  /** Prefix of every key, so that several mocks (or tests) can share one Redis database. */
  readonly prefix?: string;
}

export const DEFAULT_SESSION_TTL_MS = 48 * 60 * 60 * 1000;
export const DEFAULT_PREFIX = 'nexus-mock:';

/** How many taken ticket ids `issueTicket` steps over before it gives up (one is already improbable). */
const MAX_ID_ATTEMPTS = 100;

/**
 * Everything the mock remembers, in Redis: N replicas on one Redis behave as one mock. Each method
 * is one script (`lua.ts`), so it is one atomic step however many replicas call it at once; numbers
 * (ticket ids, scenario ids, sequences) come from Redis counters, so ids are unique across replicas
 * and the same seed with the same requests gives the same ids. `R` are the records of the behaviour
 * it serves.
 */
export class RedisStore<R extends RecordTypes = RecordTypes> implements Store<R> {
  readonly backend = 'redis';
  private readonly limits: MemoryStoreLimits;
  private readonly base: readonly (string | number)[];
  private readonly ticketNumbers = new TicketNumbers();
  private readonly journal = new JournalBatcher((session, entries) =>
    this.run('recordRequests', session, this.limits.journalSize, ...entries),
  );
  private readonly prefetched = new Map<string, Promise<readonly [Reply, Reply]>[]>();
  private readonly channels = new Set<RedisChannel>();

  private constructor(
    private readonly client: RedisClient,
    private readonly options: RedisStoreOptions,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.base = [
      options.prefix ?? DEFAULT_PREFIX,
      '',
      options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      this.limits.maxSessions,
    ];
  }

  /** Connects to Redis; rejects with the reason when it cannot be reached. */
  static async connect<R extends RecordTypes = RecordTypes>(
    options: RedisStoreOptions,
  ): Promise<RedisStore<R>> {
    const client = new RedisClient(options);
    await client.connect();
    return new RedisStore<R>(client, options);
  }

  /** Whether Redis answers right now (the health check reads this without a round trip). */
  get connected(): boolean {
    return this.client.connected;
  }

  async close(): Promise<void> {
    await Promise.all([...this.channels.values()].map((c) => c.close()));
    this.channels.clear();
    await this.client.quit();
  }

  /**
   * Pub/sub on `PREFIX channel:NAME`: the replicas sharing the prefix share the channel. Each call
   * opens a channel of its own (one listener each), closed with the store.
   */
  openChannel(name: string): RedisChannel {
    const channel = new RedisChannel(this.options.url, `${String(this.base[0])}channel:${name}`, this.client);
    this.channels.add(channel);
    return channel;
  }

  async ensureUser(session: string, userId: string, create: () => R['user']): Promise<R['user'] | undefined> {
    // Reads first (none when `claimScenario` just read the user): a user met before is not written.
    const key = `${session}\u0000${userId}`;
    const early = this.prefetched.get(key)?.shift();
    const [deleted, json] = await (early ?? this.readUser(session, userId));
    if (deleted === 1) return undefined;
    if (typeof json === 'string') return parseUser(json);
    const made = await this.run(
      'ensureUser',
      session,
      userId,
      JSON.stringify(create()),
      this.limits.maxUsers,
    );
    const [again, stored] = strings(made);
    return again === 'user' && stored !== undefined ? parseUser(stored) : undefined;
  }

  private async readUser(session: string, userId: string): Promise<readonly [Reply, Reply]> {
    const [, , , deleted = 0, json = null] = (await this.run('peek', session, userId)) as readonly Reply[];
    return [deleted, json];
  }

  /** Keeps the user read by `claimScenario` for the `ensureUser` that usually follows, until the event loop turns. */
  private keepUserRead(session: string, userId: string, peek: Promise<readonly Reply[]>): void {
    const key = `${session}\u0000${userId}`;
    const read = peek.then(([, , , deleted = 0, json = null]) => [deleted, json] as const);
    read.catch(() => undefined);
    // Concurrent requests of one user each leave a read; any of them is as fresh as the others.
    const reads = this.prefetched.get(key);
    if (reads) reads.push(read);
    else this.prefetched.set(key, [read]);
    const drop = (): void => {
      const left = this.prefetched.get(key)?.filter((r) => r !== read);
      if (left === undefined) return;
      if (left.length > 0) this.prefetched.set(key, left);
      else this.prefetched.delete(key);
    };
    read.then(() => setImmediate(drop), drop);
  }

  async getUser(session: string, userId: string): Promise<R['user'] | undefined> {
    const json = await this.client.command('HGET', [this.key(session, 'users'), userId]);
    return typeof json === 'string' ? parseUser(json) : undefined;
  }

  async deleteUser(session: string, userId: string): Promise<boolean> {
    return (await this.run('deleteUser', session, userId, this.limits.maxUsers)) === 1;
  }

  async issueTicket(
    session: string,
    make: (n: number) => R['ticket'],
    now: number,
    mail?: (ticket: R['ticket']) => R['email'],
  ): Promise<{ ticket: R['ticket']; superseded: readonly string[] }> {
    // The number this replica expects the session's next ticket to take; Redis has the last word.
    let reservation = this.ticketNumbers.take(session);
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const { n } = reservation;
      const ticket = make(n);
      if (ticket.session !== session)
        throw new Error(`A ticket of session ${ticket.session} cannot be issued in ${session}`);
      const email = mail?.(ticket);
      const [outcome, ...superseded] = strings(
        await this.run(
          'issueTicket',
          session,
          n,
          ticket.ticketId,
          JSON.stringify(ticket),
          pendingKey(ticket),
          now,
          this.limits.maxTickets,
          email === undefined ? '' : JSON.stringify(email),
          this.limits.maxEmailsPerSession,
        ),
      );
      if (outcome === 'issued') return { ticket, superseded };
      // Taken: the number is spent, try the next. Renumber: another replica (or a reset) moved on.
      reservation =
        outcome === 'renumber'
          ? this.ticketNumbers.correct(session, reservation, Number(superseded[0]))
          : this.ticketNumbers.take(session);
    }
    throw new Error(`No free ticket id in ${MAX_ID_ATTEMPTS} attempts`);
  }

  async getTicket(session: string, ticketId: string): Promise<R['ticket'] | undefined> {
    const json = await this.client.command('HGET', [this.key(session, 'tickets'), ticketId]);
    return typeof json === 'string' ? parseTicket(json) : undefined;
  }

  async listTickets(session: string): Promise<readonly R['ticket'][]> {
    return strings(await this.run('listTickets', session)).map(parseTicket);
  }

  async completeTicket(
    session: string,
    ticketId: string,
    factor: R['factor'],
    now: number,
  ): Promise<Completion<R['ticket']>> {
    const [outcome, json] = strings(await this.run('completeTicket', session, ticketId, factor, now));
    if (json === undefined) return { outcome: 'not-found' };
    return { outcome: outcome === 'completed' ? 'completed' : 'not-pending', ticket: parseTicket(json) };
  }

  async recordEmail(session: string, email: R['email']): Promise<void> {
    await this.run('recordEmail', session, JSON.stringify(email), this.limits.maxEmailsPerSession);
  }

  async listEmails(session: string): Promise<readonly R['email'][]> {
    const list = await this.client.command('LRANGE', [this.key(session, 'emails'), 0, -1]);
    return strings(list).map(parseEmail);
  }

  async addScenario(session: string, draft: ScenarioDraft, now: number): Promise<Scenario> {
    const createdAt = new Date(now).toISOString();
    // The script puts the id it draws in front: `{"id":"scn_3",` + the rest.
    const rest = JSON.stringify({ ...draft, createdAt }).slice(1);
    const times = draft.times === undefined ? '' : String(draft.times);
    const [outcome, id] = strings(
      await this.run('addScenario', session, rest, times, this.limits.maxScenariosPerSession),
    );
    if (outcome !== 'added' || id === undefined) throw new ScenarioLimit(this.limits.maxScenariosPerSession);
    return { ...draft, id, createdAt, fired: 0, remaining: draft.times ?? null };
  }

  async listScenarios(session: string): Promise<readonly Scenario[]> {
    return this.scenariosOf((await this.run('peek', session, '')) as readonly Reply[]);
  }

  private scenariosOf([fixed, fired, left]: readonly Reply[]): readonly Scenario[] {
    const firedById = pairs(fired);
    const leftById = pairs(left);
    return [...pairs(fixed)]
      .map(([id, json]) =>
        scenarioOf(json, Number(firedById.get(id) ?? 0), leftById.has(id) ? Number(leftById.get(id)) : null),
      )
      .sort((a, b) => scenarioNumber(a.id) - scenarioNumber(b.id));
  }

  async removeScenario(session: string, id: string): Promise<boolean> {
    return (await this.run('removeScenario', session, id)) === 1;
  }

  /**
   * One script reads the session's scenarios and the request's user: the operation's behaviour
   * usually asks for that user next (`ensureUser`), and finds it read. The read is kept for that one
   * step only, so it is never older than the request that made it.
   */
  async claimScenario(session: string, request: ScenarioRequest): Promise<Scenario | undefined> {
    const peek = this.run('peek', session, request.userId ?? '') as Promise<readonly Reply[]>;
    if (request.userId !== undefined) this.keepUserRead(session, request.userId, peek);
    const scenarios = this.scenariosOf(await peek);
    if (scenarios.length === 0) return undefined;
    // What a scenario matches never changes; only its uses do, and the script takes one atomically.
    const candidates = scenarios.filter((s) => matches(s, request));
    if (candidates.length === 0) return undefined;
    const claimed = await this.run('claimScenario', session, ...candidates.map((s) => s.id));
    if (!Array.isArray(claimed)) return undefined;
    const [id, fired, left] = claimed as readonly Reply[];
    const scenario = candidates.find((s) => s.id === id);
    if (!scenario) return undefined;
    return { ...scenario, fired: Number(fired), remaining: Number(left) < 0 ? null : Number(left) };
  }

  recordRequest(session: string, entry: JournalRecord): Promise<void> {
    return this.journal.record(session, JSON.stringify(entry));
  }

  async listRequests(session: string): Promise<readonly JournalRecord[]> {
    const list = await this.client.command('LRANGE', [this.key(session, 'journal'), 0, -1]);
    return strings(list).map(parseJournalRecord);
  }

  async nextSequence(session: string, counter: string): Promise<number> {
    return Number(await this.run('sequence', session, 'seq', counter));
  }

  async reset(session: string): Promise<void> {
    this.ticketNumbers.forget(session);
    await this.run('reset', session);
  }

  async listSessions(): Promise<readonly string[]> {
    const held = (await this.run('listSessions', '')) as readonly Reply[];
    return held.map(String);
  }

  async counts(): Promise<StoreCounts> {
    const [sessions = 0, users = 0, deletedUsers = 0, tickets = 0, emails = 0] = (
      (await this.run('counts', '')) as readonly Reply[]
    ).map(Number);
    return { sessions, users, deletedUsers, tickets, emails };
  }

  private run(
    script: Parameters<RedisClient['script']>[0],
    session: string,
    ...args: (string | number)[]
  ): Promise<Reply> {
    const [prefix, , ttl, maxSessions] = this.base;
    return this.client.script(script, [
      prefix ?? DEFAULT_PREFIX,
      session,
      ttl ?? 0,
      maxSessions ?? 0,
      ...args,
    ]);
  }

  private key(session: string, part: string): string {
    return `${String(this.base[0])}s:${session}:${part}`;
  }
}

/** An HGETALL reply as a map. */
function pairs(reply: Reply | undefined): Map<string, string> {
  const flat = strings(reply ?? []);
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i] ?? '', flat[i + 1] ?? '');
  return map;
}

const scenarioNumber = (id: string): number => Number(id.slice(id.indexOf('_') + 1));
