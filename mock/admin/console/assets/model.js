// @ts-check
/**
 * What the console knows of its session: the admin API's records, kept up to date by the events of
 * `GET /__admin/events`. Applying an event is idempotent (records are keyed by id), so events that
 * cross a fresh read of the API do no harm.
 */

/** The journal entries the console keeps (the mock keeps 1000 per session by default). */
export const MAX_REQUESTS = 1000;

/**
 * @typedef {{ ticketId: string, userId: string, factor: string | null, status: string, ticketUrl: string,
 *   createdAt: string, expiresAt: string, completedAt: string | null, enrolledFactor: string | null,
 *   interactive: boolean, supersededBy: string | null }} Ticket
 * @typedef {{ to: string, subject: string, ticketId: string, ticketUrl: string, sentAt: string,
 *   userId: string, body: string }} Email
 * @typedef {{ id: string, at: string, method: string, path: string, query: Record<string, unknown>,
 *   operation: string | null, status: number | null, userId: string | null, decision: string | null,
 *   scenario: string | null, durationMs: number }} JournalEntry
 * @typedef {{ id: string, name?: string, description?: string, status?: number, example?: string,
 *   dynamic?: boolean, delayMs?: number, fault?: string, times?: number, fired: number,
 *   remaining: number | null, createdAt: string, match?: Record<string, unknown> }} Scenario
 * @typedef {{ name: string, description: string, curl: string, scenario: Record<string, unknown> }} CatalogEntry
 * @typedef {{ userId: string, name: string, email: string, enrolledFactors: string[] }} User
 * @typedef {{ userId: string, user: User | null, deleted: boolean }} UserRecord
 * @typedef {'tickets' | 'outbox' | 'journal' | 'scenarios' | 'users'} View
 */

export function createModel() {
  return {
    /** @type {Map<string, Ticket>} */
    tickets: new Map(),
    /** @type {Map<string, Email>} by ticket id: one email per ticket */
    emails: new Map(),
    /** @type {JournalEntry[]} newest first */
    requests: [],
    /** @type {Map<string, Scenario>} */
    scenarios: new Map(),
    /** @type {Map<string, UserRecord>} */
    users: new Map(),
    /** @type {CatalogEntry[]} */
    catalog: [],
    /** The mock's clock minus the browser's, from the last event: the chart's "now" is the mock's. */
    clockOffsetMs: 0,
  };
}

/** @typedef {ReturnType<typeof createModel>} Model */

/**
 * @typedef {object} Snapshot
 * @property {Ticket[]} tickets newest first
 * @property {Email[]} emails newest first
 * @property {JournalEntry[]} requests newest first
 * @property {Scenario[]} scenarios oldest first
 * @property {CatalogEntry[]} catalog
 * @property {{ users: User[], absent: string[] }} users the users the records name; absent: those the store lacks
 */

/**
 * Replaces everything with a fresh read of the admin API.
 * @param {Model} model
 * @param {Snapshot} snapshot
 */
export function applySnapshot(model, snapshot) {
  model.tickets = new Map([...snapshot.tickets].reverse().map((t) => [t.ticketId, t]));
  model.emails = new Map([...snapshot.emails].reverse().map((e) => [e.ticketId, e]));
  model.requests = snapshot.requests.slice(0, MAX_REQUESTS);
  model.scenarios = new Map(snapshot.scenarios.map((s) => [s.id, s]));
  model.catalog = snapshot.catalog;
  /** A user the journal saw refused with 404 was deleted; another absent one never enrolled. */
  const refused = new Set(
    model.requests.filter((r) => r.decision === 'user:not-found' && r.userId !== null).map((r) => r.userId),
  );
  /** @type {Map<string, UserRecord>} */
  const users = new Map();
  for (const user of snapshot.users.users)
    users.set(user.userId, { userId: user.userId, user, deleted: false });
  for (const userId of snapshot.users.absent)
    users.set(userId, { userId, user: null, deleted: refused.has(userId) });
  model.users = users;
}

/**
 * Applies one event of the stream; returns the views it changes.
 * @param {Model} model
 * @param {Record<string, unknown>} event
 * @returns {Set<View>}
 */
export function applyEvent(model, event) {
  if (typeof event.at === 'string') model.clockOffsetMs = Date.parse(event.at) - Date.now();
  switch (event.type) {
    case 'request': {
      const entry = /** @type {JournalEntry} */ (event.entry);
      if (model.requests.some((r) => r.id === entry.id)) return new Set();
      model.requests.unshift(entry);
      if (model.requests.length > MAX_REQUESTS) model.requests.length = MAX_REQUESTS;
      if (entry.decision === 'user:not-found' && entry.userId !== null) markDeleted(model, entry.userId);
      return new Set(['journal', 'users']);
    }
    case 'ticket': {
      const ticket = /** @type {Ticket} */ (event.ticket);
      model.tickets.delete(ticket.ticketId);
      model.tickets.set(ticket.ticketId, ticket);
      return new Set(['tickets', 'users']);
    }
    case 'email': {
      const email = /** @type {Email} */ (event.email);
      model.emails.delete(email.ticketId);
      model.emails.set(email.ticketId, email);
      return new Set(['outbox', 'users']);
    }
    case 'scenario': {
      const id = String(event.scenarioId);
      if (event.scenario === null) model.scenarios.delete(id);
      else model.scenarios.set(id, /** @type {Scenario} */ (event.scenario));
      return new Set(['scenarios']);
    }
    case 'user': {
      const userId = String(event.userId);
      if (event.user === null) markDeleted(model, userId);
      else model.users.set(userId, { userId, user: /** @type {User} */ (event.user), deleted: false });
      return new Set(['users']);
    }
    case 'session':
      model.tickets = new Map();
      model.emails = new Map();
      model.requests = [];
      model.scenarios = new Map();
      model.users = new Map();
      return new Set(['tickets', 'outbox', 'journal', 'scenarios', 'users']);
    default:
      return new Set();
  }
}

/**
 * @param {Model} model
 * @param {string} userId
 */
function markDeleted(model, userId) {
  model.users.set(userId, { userId, user: null, deleted: true });
}

/**
 * Every user id the session's records name, for the users view.
 * @param {Model} model
 * @returns {string[]}
 */
export function knownUserIds(model) {
  const ids = new Set(model.users.keys());
  for (const ticket of model.tickets.values()) ids.add(ticket.userId);
  for (const email of model.emails.values()) ids.add(email.userId);
  for (const entry of model.requests) if (entry.userId !== null) ids.add(entry.userId);
  return [...ids].sort((a, b) => a.localeCompare(b));
}

/**
 * A ticket's status now: a pending ticket past its expiry is expired (the mock derives it the same way).
 * @param {Model} model
 * @param {Ticket} ticket
 */
export function ticketStatus(model, ticket) {
  return ticket.status === 'pending' && Date.parse(ticket.expiresAt) <= Date.now() + model.clockOffsetMs
    ? 'expired'
    : ticket.status;
}
