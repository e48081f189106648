import type { ChildProcess } from 'node:child_process';
import http from 'node:http';

/** One request the bench sends outside autocannon: to see that a server is up, or what it answers. */
export interface Probe {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ProbeAnswer {
  /** Undefined when the connection failed (not listening yet, or gone). */
  readonly status: number | undefined;
  readonly body: string;
}

/** Sends one request on a connection of its own (a pool would outlive the server) and reads the answer. */
export function probe(url: string, request: Probe): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const req = http.request(
      `${url}${request.path}`,
      { method: request.method, agent: false, headers: request.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', () => {
          resolve({ status: undefined, body: '' });
        });
      },
    );
    req.on('error', () => {
      resolve({ status: undefined, body: '' });
    });
    req.setTimeout(5000, () => req.destroy());
    req.end();
  });
}

const MAX_ATTEMPTS = 10_000;

/**
 * Sends `request` until it is answered 200 (at most MAX_ATTEMPTS times, for at most `withinMs`), and
 * resolves with the `performance.now()` of that answer. Rejects when the process exits first.
 */
export async function firstOk(
  url: string,
  child: ChildProcess,
  request: Probe,
  withinMs = 30_000,
): Promise<number> {
  const deadline = performance.now() + withinMs;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && performance.now() < deadline; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${url}: the server exited (${child.exitCode ?? child.signalCode})`);
    if ((await probe(url, request)).status === 200) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`${url}: no 200 to ${request.method} ${request.path} within ${withinMs} ms`);
}

/** The store's counts from `GET /__admin/health`, or undefined when the answer does not have them. */
export async function storeCounts(url: string): Promise<{ tickets: number; sessions: number } | undefined> {
  const answer = await probe(url, { method: 'GET', path: '/__admin/health', headers: {} });
  if (answer.status !== 200) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return undefined;
  }
  const store: unknown = isRecord(parsed) ? parsed.store : undefined;
  if (!isRecord(store) || typeof store.tickets !== 'number' || typeof store.sessions !== 'number')
    return undefined;
  return { tickets: store.tickets, sessions: store.sessions };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
