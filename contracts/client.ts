import { boundedRequest, Breach } from './bounded-request';
import type { Exchange } from '../spec/conformance/checks';
import type { OutgoingRequest } from './inputs/call-input';
import { ContractViolation } from './violation';

export type { OutgoingRequest } from './inputs/call-input';

export interface ClientOptions {
  /** NEXUS_REQUEST_TIMEOUT_MS: connect, headers and the whole body of one request. */
  readonly timeoutMs: number;
  /** NEXUS_MAX_BODY_BYTES: the most bytes of one body, after decompression. */
  readonly maxBodyBytes?: number;
  /** Ends the request in flight and refuses new ones (the run's deadline, SIGINT, SIGTERM). */
  readonly signal?: AbortSignal;
  readonly maxRetries: number;
  readonly maxRequests: number;
  /** Added to every request (the mock's session header, when the target is the mock). */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  /** The longest Retry-After honoured; an answer asking for a longer wait is not retried. */
  readonly maxRetryWaitMs: number;
}

/** RFC 9110, section 9.2.2: repeating these has the effect of sending them once. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * A deployment that let this many requests in a row run out of time is taken as stalled: later
 * requests fail at once, naming the limit, so one that never answers ends the run in seconds.
 */
export const STALLED_AFTER = 3;

/** The default NEXUS_MAX_BODY_BYTES: 10 MB. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Sends the suite's requests, each within its limits (`boundedRequest`), the whole run within a
 * request budget, and retries that cannot duplicate a side effect: an idempotent request is retried
 * on 429 and 503, any other only on 429 or on a 503 with Retry-After (the server says it did not
 * act). A broken limit is a failure, never retried.
 */
export class ContractClient {
  private sent = 0;
  private retried = 0;
  /** Requests in a row that ran out of time, and the last such breach. */
  private timedOut = 0;
  private lastTimeout = '';
  /** Milliseconds spent waiting for Retry-After in the whole run. */
  private waited = 0;
  /** Response violations another validator in the path reported (Prism's `sl-violations` header). */
  readonly validatorViolations: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly options: ClientOptions,
  ) {}

  get requestsSent(): number {
    return this.sent;
  }

  /** Requests sent again after a 429 or 503. */
  get retries(): number {
    return this.retried;
  }

  /** How many more requests the budget allows. */
  get remaining(): number {
    return Math.max(this.options.maxRequests - this.sent, 0);
  }

  async send(outgoing: OutgoingRequest): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.once(outgoing);
      if (!mayRetry(outgoing.method, exchange) || attempt >= this.options.maxRetries) return exchange;
      const wait = retryDelay(exchange, attempt);
      // One long Retry-After, or many short ones, must not hold the run for hours: the whole run waits
      // at most four times NEXUS_MAX_RETRY_WAIT_MS, after which answers are taken as they come.
      if (wait > this.options.maxRetryWaitMs || this.waited + wait > this.options.maxRetryWaitMs * 4)
        return exchange;
      this.waited += wait;
      this.retried++;
      await sleep(wait);
    }
  }

  private async once(outgoing: OutgoingRequest): Promise<Exchange> {
    if (this.sent >= this.options.maxRequests) {
      throw new ContractViolation(
        'request_budget',
        `The run would exceed NEXUS_MAX_REQUESTS (${this.options.maxRequests}); raise it or run fewer checks.`,
      );
    }
    const fail = (what: string): ContractViolation =>
      new ContractViolation('not_a_transport_error', `${outgoing.method} ${outgoing.url}: ${what}`);
    if (this.timedOut >= STALLED_AFTER)
      throw fail(
        `not sent: the last ${STALLED_AFTER} requests got no complete answer in time (${this.lastTimeout})`,
      );
    if (this.options.signal?.aborted) throw fail(`not sent: ${stopReason(this.options.signal)}`);
    this.sent++;
    methodOf(outgoing.method);
    try {
      const res = await boundedRequest(
        this.baseUrl,
        {
          method: outgoing.method.toUpperCase(),
          path: outgoing.url,
          headers: { ...this.options.defaultHeaders, ...outgoing.headers },
          ...(outgoing.body !== undefined && { body: outgoing.body }),
        },
        {
          timeoutMs: this.options.timeoutMs,
          maxBodyBytes: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          ...(this.options.signal && { signal: this.options.signal }),
        },
      );
      this.timedOut = 0;
      // The answer exactly as sent: checks judge it raw; what the run writes is redacted there.
      const exchange: Exchange = { method: outgoing.method, url: outgoing.url, ...res };
      this.validatorViolations.push(...responseViolations(exchange));
      return exchange;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Breach && error.kind === 'time') {
        this.timedOut++;
        this.lastTimeout = message;
      } else this.timedOut = 0;
      throw fail(message);
    }
  }
}

function stopReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'the run was stopped';
}

type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options' | 'trace';

function methodOf(method: string): Verb {
  const verb = method.toLowerCase();
  const known: readonly string[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];
  if (!known.includes(verb)) throw new Error(`The suite does not send ${method} requests`);
  return verb as Verb;
}

/** A request that may have been processed is retried only where the answer says it was not. */
function mayRetry(method: string, exchange: Exchange): boolean {
  if (exchange.status === 429) return true;
  if (exchange.status !== 503) return false;
  return IDEMPOTENT.has(method.toUpperCase()) || exchange.headers['retry-after'] !== undefined;
}

/**
 * The response-side entries of Prism's `sl-violations` header: what `prism proxy` found wrong with
 * the target's answer. (Request-side entries are the suite's own deliberate bad requests.)
 */
function responseViolations(exchange: Exchange): string[] {
  const header = exchange.headers['sl-violations'];
  if (typeof header !== 'string') return [];
  try {
    const entries = JSON.parse(header) as { location?: unknown[]; message?: string }[];
    return entries
      .filter((entry) => entry.location?.[0] === 'response')
      .map((entry) => `${exchange.method} ${exchange.url}: ${entry.message ?? 'violation'}`);
  } catch {
    return [`${exchange.method} ${exchange.url}: unreadable sl-violations header`];
  }
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 section 10.2.3), else a short backoff. */
export function retryDelay(exchange: Pick<Exchange, 'headers'>, attempt: number): number {
  const header = exchange.headers['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  let ms = 250 * 2 ** attempt;
  if (value !== undefined && /^\d+$/.test(value.trim())) ms = Number(value) * 1000;
  else if (value !== undefined && !Number.isNaN(Date.parse(value))) ms = Date.parse(value) - Date.now();
  return Math.max(ms, 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
