import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { RequestListener } from 'node:http';
import request, { type Response } from 'supertest';
import { abbreviate, LIVE_TICKET, type FuzzRequest } from './fuzz-requests';
import { SERVER_ERROR_EXAMPLES, USERS } from './fuzz-values';
import { ENROLLMENT_PATH, expectConformant } from './http';

/** Shared by every client of a test file, so the file can prove how much it sent. */
export interface RequestCounter {
  sent: number;
}

/** What a request answered, with the target as it was sent (live ticket substituted). */
export interface FuzzExchange {
  readonly target: string;
  readonly res: Response;
}

/** A hang is a finding too: no answer within this long fails the property. */
const ANSWER_TIMEOUT_MS = 5_000;

/**
 * Sends generated requests to one app through supertest and checks every answer against the
 * properties that hold for any request: no unasked-for 5xx, problem details for every error, and a
 * spec-conformant answer from the enrollment endpoint.
 */
export class FuzzClient {
  private liveTicket = 'no-ticket-yet';

  private constructor(
    private readonly server: http.Server,
    private readonly url: string,
    private readonly agent: http.Agent,
    private readonly counter: RequestCounter,
  ) {}

  /**
   * Serves the app on a loopback port for the client's lifetime. Listening once and keeping the
   * connection alive matter at 10 000 requests: binding a fresh port per request (what supertest
   * does with a bare app) slows each one down as closed ports pile up.
   */
  static async start(app: RequestListener, counter: RequestCounter): Promise<FuzzClient> {
    // Node's own parser limit (16 kB of request head) is server.ts's concern, which answers it with
    // a problem; the app under test gets room for the 10 to 20 kB query values the fuzzer sends.
    const server = http.createServer({ maxHeaderSize: 256 * 1024 }, app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    return new FuzzClient(server, `http://127.0.0.1:${port}`, agent, counter);
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Sends the request, checks the answer, and remembers a ticket it issued for later targets. */
  async exchange(fuzz: FuzzRequest): Promise<FuzzExchange> {
    const target = fuzz.target.replaceAll(LIVE_TICKET, this.liveTicket);
    const method = fuzz.method.toLowerCase() as Lowercase<FuzzRequest['method']>;
    let pending = this.request(method, target).set(fuzz.headers);
    if (fuzz.body) pending = pending.set('Content-Type', fuzz.body.contentType).send(fuzz.body.text);
    const res = await pending;
    this.counter.sent++;
    expectWellBehaved(fuzz, target, res);
    const ticketId = (res.body as { ticketId?: unknown } | undefined)?.ticketId;
    if (isEnrollment(fuzz.method, target) && res.status === 200 && typeof ticketId === 'string')
      this.liveTicket = ticketId;
    return { target, res };
  }

  private request(method: Lowercase<FuzzRequest['method']>, target: string) {
    return request(this.url)[method](target).agent(this.agent).timeout(ANSWER_TIMEOUT_MS);
  }

  /** Property 3: the app still answers its health check. */
  async expectHealthy(): Promise<void> {
    const res = await this.request('get', '/__admin/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  }

  /**
   * The default session's state as the admin API shows it: tickets, outbox, scenarios, the known
   * users, and the store's counts across sessions. The journal is left out: it records every request.
   */
  async snapshot(): Promise<unknown> {
    const get = (target: string) => this.request('get', target);
    const [tickets, outbox, scenarios, health, ...users] = await Promise.all([
      get('/__admin/tickets'),
      get('/__admin/outbox'),
      get('/__admin/scenarios'),
      get('/__admin/health'),
      ...USERS.map((user) => get(`/__admin/users/${encodeURIComponent(user)}`)),
    ]);
    const { sessions: _sessions, ...counts } = (health.body as { store: Record<string, unknown> }).store;
    return {
      tickets: tickets.body as unknown,
      outbox: outbox.body as unknown,
      scenarios: scenarios.body as unknown,
      counts,
      // A missing user's 404 carries a fresh traceId: its status is what matters.
      users: users.map((res) => (res.status === 200 ? (res.body as unknown) : res.status)),
    };
  }
}

/** The hot lane's test: exactly the path, then the end or a query. */
export function isEnrollment(method: string, target: string): boolean {
  return method === 'POST' && (target === ENROLLMENT_PATH || target.startsWith(`${ENROLLMENT_PATH}?`));
}

/**
 * Whether the request forced a 5xx on the enrollment endpoint: `Prefer` or its query twins naming a
 * 5xx code or an example of a server error. Lenient on purpose: it only excuses, never demands, a 5xx.
 */
export function askedForServerError(fuzz: FuzzRequest, target: string): boolean {
  if (!isEnrollment(fuzz.method, target)) return false;
  const query = parseQuery(target.slice(ENROLLMENT_PATH.length + 1));
  const values = (name: string): string[] => [query[name] ?? []].flat();
  const examples = SERVER_ERROR_EXAMPLES.join('|');
  const header = fuzz.headers.Prefer ?? '';
  return (
    new RegExp(`code\\s*=\\s*"?5\\d\\d|example\\s*=\\s*"?(?:${examples})`, 'i').test(header) ||
    values('__code').some((v) => /^5\d\d$/.test(v)) ||
    values('__example').some((v) => SERVER_ERROR_EXAMPLES.includes(v))
  );
}

/** Properties 1, 2 and 5, for one answer. */
function expectWellBehaved(fuzz: FuzzRequest, target: string, res: Response): void {
  const label = `${fuzz.method} ${abbreviate(target)} answered ${res.status}`;
  if (res.status >= 500 && !askedForServerError(fuzz, target))
    throw new Error(`${label}: a server error nobody asked for. Body: ${excerpt(res.text)}`);
  if (res.status >= 400) {
    const type = String(res.headers['content-type']);
    if (!type.startsWith('application/problem+json'))
      throw new Error(`${label} with Content-Type ${type}, not application/problem+json`);
    // A HEAD answer has no body to read.
    if (fuzz.method !== 'HEAD') {
      const status = statusOf(res.text);
      if (status !== res.status) throw new Error(`${label} with a problem whose status is ${String(status)}`);
    }
  }
  if (isEnrollment(fuzz.method, target) && [200, 400, 401, 404].includes(res.status)) {
    expectConformant({
      method: 'POST',
      url: target,
      status: res.status,
      headers: res.headers,
      text: res.text,
    });
  }
}

/** The `status` member of a problem body; a body that is not JSON says so. */
function statusOf(text: string | undefined): unknown {
  try {
    return (JSON.parse(text ?? '') as { status?: unknown } | null)?.status;
  } catch {
    return `missing: the body is not JSON (${excerpt(text)})`;
  }
}

/** The start of a body; superagent leaves `text` undefined for media types it does not buffer. */
function excerpt(text: string | undefined): string {
  return (text ?? '(none)').slice(0, 300);
}
