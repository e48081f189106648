import type { JournalRecord } from '../journal';
import type { EmailRecord, TicketRecord, UserRecord } from '../records';
import type { Scenario } from '../scenarios';
import type { Reply } from './redis-client';

/**
 * Records as Redis holds them (JSON written by this store, or re-encoded by its scripts), read back.
 * Redis is a boundary like any other: a value that is not the record it should be (another program
 * writing under the same prefix) fails loudly here rather than deep in a handler. Of a behaviour's
 * records, only the id each holds is checked.
 */
function record(json: string, key: string, what: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as Record<string, unknown>)[key] !== 'string'
  )
    throw new Error(`Redis holds a malformed ${what}: ${json.slice(0, 80)}`);
  return value as Record<string, unknown>;
}

export function parseTicket(json: string): TicketRecord {
  return record(json, 'ticketId', 'ticket') as unknown as TicketRecord;
}

export function parseUser(json: string): UserRecord {
  const user = record(json, 'userId', 'user');
  // Lua's JSON encoder cannot tell an empty array from an empty object.
  const factors = Array.isArray(user.enrolledFactors) ? (user.enrolledFactors as unknown[]) : [];
  return { ...user, enrolledFactors: factors } as unknown as UserRecord;
}

export function parseEmail(json: string): EmailRecord {
  return record(json, 'ticketId', 'email') as unknown as EmailRecord;
}

export function parseJournalRecord(json: string): JournalRecord {
  const entry = record(json, 'id', 'journal entry');
  // `query: undefined` (a target kept as it arrived) does not survive JSON; the reader expects the key.
  return { ...entry, query: entry.query ?? undefined } as unknown as JournalRecord;
}

/** A scenario from its fixed fields and its counters. */
export function scenarioOf(json: string, fired: number, remaining: number | null): Scenario {
  return { ...record(json, 'id', 'scenario'), fired, remaining } as unknown as Scenario;
}

/** The strings of an array reply (nil members dropped); [] for anything else. */
export function strings(reply: Reply): string[] {
  if (!Array.isArray(reply)) return [];
  return (reply as readonly Reply[]).filter((r): r is string => typeof r === 'string');
}
