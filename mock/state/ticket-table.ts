import type { SessionState } from './memory-session';
import { pendingKey, type RecordTypes } from './records';
import { RingBuffer } from './ring-buffer';

/**
 * Every ticket of every session, by id (ids are unique across the store), at most `maxTickets` of
 * them: storing one more evicts the oldest in the store. Each session also lists its own tickets
 * (`SessionState.tickets`), so that forgetting a session costs what that session holds.
 */
export class TicketTable<R extends RecordTypes = RecordTypes> {
  private readonly byId = new Map<string, R['ticket']>();
  /**
   * Tickets in the order they were stored, in a ring of `maxTickets`: storing one more evicts the
   * oldest, in O(1). (Taking the oldest key of a Map that is deleted from the front costs a scan over
   * every deleted slot: the throughput fell by half as the store filled.) An entry whose ticket was
   * since forgotten with its session is stale and evicts nothing.
   */
  private readonly order: RingBuffer<R['ticket']>;

  /** `ownerOf` finds the session a live ticket belongs to, to update its indexes on eviction. */
  constructor(
    maxTickets: number,
    private readonly ownerOf: (ticket: R['ticket']) => SessionState<R> | undefined,
  ) {
    this.order = new RingBuffer(maxTickets);
  }

  get size(): number {
    return this.byId.size;
  }

  get(ticketId: string): R['ticket'] | undefined {
    return this.byId.get(ticketId);
  }

  has(ticketId: string): boolean {
    return this.byId.has(ticketId);
  }

  /** Stores a ticket of `state`, whose id is not taken, and evicts the oldest one when full. */
  add(state: SessionState<R>, ticket: R['ticket']): void {
    this.byId.set(ticket.ticketId, ticket);
    state.tickets.push(ticket);
    const oldest = this.order.push(ticket);
    if (oldest && this.byId.get(oldest.ticketId) === oldest) this.evict(oldest);
  }

  /**
   * Drops the session's tickets, visiting only those: this was a scan of every ticket in the store,
   * and a stream of requests with new session names (each one forgetting another session) ran at a
   * third of its speed with 100 000 tickets stored.
   */
  forget(state: SessionState<R>): void {
    for (const ticket of state.tickets)
      if (this.byId.get(ticket.ticketId) === ticket) this.byId.delete(ticket.ticketId);
  }

  /**
   * Evicts a live ticket. The ring evicts in the order tickets were stored, so it is the oldest live
   * ticket of its session too: the front of that session's queue.
   */
  private evict(ticket: R['ticket']): void {
    this.byId.delete(ticket.ticketId);
    const owner = this.ownerOf(ticket);
    if (!owner) return;
    if (owner.tickets.peek() === ticket) owner.tickets.shift();
    const key = pendingKey(ticket);
    if (owner.pending.get(key) === ticket.ticketId) owner.pending.delete(key);
  }
}
