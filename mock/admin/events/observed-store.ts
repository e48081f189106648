import type { MfaFactor } from '../../../spec/types';
import type { Clock } from '../../clock';
import type { Email } from '../../behaviours/enrollment/outbox';
import { viewTicket, type Ticket } from '../../behaviours/enrollment/tickets';
import type { User } from '../../behaviours/enrollment/users';
import { selectEntries, type JournalRecord } from '../../state/journal';
import type { Scenario, ScenarioDraft, ScenarioRequest } from '../../state/scenarios';
import type { Completion, StoreCounts } from '../../state/store';
import type { EnrollmentStore } from '../../behaviours/enrollment/records';
import type { EventBus } from './event-bus';

/**
 * Wraps any store (memory, Redis) so that every change it makes is published on `bus` once the
 * store has made it: the store implementations know nothing of events. When nobody watches a
 * session, a call on the request path (users, tickets, emails, scenarios claimed, the journal) costs
 * one map lookup more than the store's own.
 */
export function observeStore(store: EnrollmentStore, bus: EventBus, clock: Clock): EnrollmentStore {
  return new ObservedStore(store, bus, clock);
}

class ObservedStore implements EnrollmentStore {
  constructor(
    private readonly store: EnrollmentStore,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  async ensureUser(session: string, userId: string, create: () => User): Promise<User | undefined> {
    if (!this.bus.watching(session)) return this.store.ensureUser(session, userId, create);
    // Whether the store called `create`: only then is the user new.
    const made: { user?: User } = {};
    const user = await this.store.ensureUser(session, userId, () => (made.user = create()));
    if (made.user && user) this.bus.publish(session, { type: 'user', action: 'created', userId, user });
    return user;
  }

  getUser(session: string, userId: string): Promise<User | undefined> {
    return this.store.getUser(session, userId);
  }

  async deleteUser(session: string, userId: string): Promise<boolean> {
    const deleted = await this.store.deleteUser(session, userId);
    this.bus.publish(session, { type: 'user', action: 'deleted', userId, user: null });
    return deleted;
  }

  issueTicket(
    session: string,
    make: (n: number) => Ticket,
    now: number,
    mail?: (ticket: Ticket) => Email,
  ): Promise<{ ticket: Ticket; superseded: readonly string[] }> {
    // The email a ticket announces is stored with it (one atomic step): it is published from here too.
    let email: Email | undefined;
    const composed = mail && ((ticket: Ticket): Email => (email = mail(ticket)));
    const issuing = this.store.issueTicket(session, make, now, composed);
    if (!this.bus.watching(session)) return issuing;
    return issuing.then(async (issued) => {
      // Reads made for the events only: a store that fails them now must not fail a write it stored.
      for (const id of issued.superseded) {
        const previous = await this.store.getTicket(session, id).catch(() => undefined);
        if (previous) this.publishTicket(session, 'superseded', previous);
      }
      this.publishTicket(session, 'issued', issued.ticket);
      if (email) this.bus.publish(session, { type: 'email', email });
      return issued;
    });
  }

  getTicket(session: string, ticketId: string): Promise<Ticket | undefined> {
    return this.store.getTicket(session, ticketId);
  }

  listTickets(session: string): Promise<readonly Ticket[]> {
    return this.store.listTickets(session);
  }

  async completeTicket(
    session: string,
    ticketId: string,
    factor: MfaFactor,
    now: number,
  ): Promise<Completion<Ticket>> {
    const completion = await this.store.completeTicket(session, ticketId, factor, now);
    if (completion.outcome !== 'completed' || !this.bus.watching(session)) return completion;
    this.publishTicket(session, 'completed', completion.ticket);
    const user = await this.store.getUser(session, completion.ticket.userId).catch(() => undefined);
    if (user) this.bus.publish(session, { type: 'user', action: 'updated', userId: user.userId, user });
    return completion;
  }

  recordEmail(session: string, email: Email): Promise<void> {
    if (!this.bus.watching(session)) return this.store.recordEmail(session, email);
    return this.store.recordEmail(session, email).then(() => {
      this.bus.publish(session, { type: 'email', email });
    });
  }

  listEmails(session: string): Promise<readonly Email[]> {
    return this.store.listEmails(session);
  }

  async addScenario(session: string, draft: ScenarioDraft, now: number): Promise<Scenario> {
    const scenario = await this.store.addScenario(session, draft, now);
    this.bus.publish(session, { type: 'scenario', action: 'added', scenarioId: scenario.id, scenario });
    return scenario;
  }

  listScenarios(session: string): Promise<readonly Scenario[]> {
    return this.store.listScenarios(session);
  }

  async removeScenario(session: string, id: string): Promise<boolean> {
    const removed = await this.store.removeScenario(session, id);
    if (removed)
      this.bus.publish(session, { type: 'scenario', action: 'removed', scenarioId: id, scenario: null });
    return removed;
  }

  claimScenario(session: string, request: ScenarioRequest): Promise<Scenario | undefined> {
    if (!this.bus.watching(session)) return this.store.claimScenario(session, request);
    return this.store.claimScenario(session, request).then((scenario) => {
      if (scenario)
        this.bus.publish(session, { type: 'scenario', action: 'fired', scenarioId: scenario.id, scenario });
      return scenario;
    });
  }

  recordRequest(session: string, entry: JournalRecord): Promise<void> {
    if (!this.bus.watching(session)) return this.store.recordRequest(session, entry);
    return this.store.recordRequest(session, entry).then(() => {
      const [shown] = selectEntries([entry], { limit: 1 });
      if (shown) this.bus.publish(session, { type: 'request', entry: shown });
    });
  }

  listRequests(session: string): Promise<readonly JournalRecord[]> {
    return this.store.listRequests(session);
  }

  nextSequence(session: string, counter: string): Promise<number> {
    return this.store.nextSequence(session, counter);
  }

  get backend(): string {
    return this.store.backend;
  }

  listSessions(): Promise<readonly string[]> {
    return this.store.listSessions();
  }

  async reset(session: string): Promise<void> {
    await this.store.reset(session);
    this.bus.publish(session, { type: 'session', action: 'reset' });
  }

  counts(): Promise<StoreCounts> {
    return this.store.counts();
  }

  private publishTicket(
    session: string,
    action: 'issued' | 'superseded' | 'completed',
    ticket: Ticket,
  ): void {
    this.bus.publish(session, { type: 'ticket', action, ticket: viewTicket(ticket, this.clock.now()) });
  }
}
