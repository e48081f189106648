import type autocannon from 'autocannon';
import { load } from './load';
import { storeCounts } from './probe';
import { nthEnrollment } from './servers';

/**
 * A stream of new sessions against a full store, against the steady stream it is compared with:
 * enrollments that all name one session. Both streams send the same requests (Basic, both modes in
 * turn, an `X-Mock-Session` header built per request by autocannon); only the session names differ.
 */
export interface SessionLimits {
  readonly maxTickets: number;
  readonly maxSessions: number;
}

export const limitArgs = (limits: SessionLimits): string[] => [
  '--max-tickets',
  String(limits.maxTickets),
  '--max-sessions',
  String(limits.maxSessions),
];

const STEADY_SESSION = 'bench-steady';
/** Shared by every fresh stream of the run, so that no session name comes twice. */
let freshSessions = 0;

function stream(session: (n: number) => string): autocannon.Request[] {
  let n = 0;
  return [
    {
      method: 'POST',
      setupRequest: (request) => {
        const enrollment = nthEnrollment(n, 1, 'basic');
        const name = session(n++);
        return { ...request, ...enrollment, headers: { ...enrollment.headers, 'x-mock-session': name } };
      },
    },
  ];
}

export const steadyStream = (): autocannon.Request[] => stream(() => STEADY_SESSION);
export const freshStream = (): autocannon.Request[] =>
  stream(() => `bench-fresh-${(freshSessions++).toString(36)}`);

/**
 * Brings the store to both bounds: `maxSessions` sessions of one ticket each, then `maxTickets`
 * tickets in the steady session (which evict theirs), so that every later request evicts a ticket,
 * and every new session evicts a session. Resolves with the counts the mock reports afterwards.
 */
export async function fillStore(
  url: string,
  limits: SessionLimits,
  connections: number,
): Promise<{ tickets: number; sessions: number } | undefined> {
  const amount = (n: number): number => Math.max(n, connections);
  const fresh = await load(url, freshStream(), {
    connections,
    amount: amount(limits.maxSessions),
    maxSeconds: 120,
  });
  const steady = await load(url, steadyStream(), {
    connections,
    amount: amount(limits.maxTickets),
    maxSeconds: 300,
  });
  const failed = fresh.errors + fresh.non2xx + steady.errors + steady.non2xx;
  if (failed > 0) process.stdout.write(`sessions: ${failed} requests of the fill were not answered 200\n`);
  return storeCounts(url);
}
