import request from 'supertest';
import type { Exchange } from '../spec/conformance/checks';
import { ContractViolation } from './violation';

export interface ClientOptions {
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxRequests: number;
  /** Added to every request (the mock's session header, when the target is the mock). */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  /** The longest Retry-After honoured; an answer asking for a longer wait is not retried. */
  readonly maxRetryWaitMs: number;
}

export interface OutgoingRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path and query, as sent: `/v1/me/mfa-enrollment?isInteractive=true`. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends the suite's requests with supertest: each with a timeout, 429 and 503 retried a bounded
 * number of times after their Retry-After, and the whole run within a request budget.
 */
export class ContractClient {
  private sent = 0;
  /** Response violations another validator in the path reported (Prism's `sl-violations` header). */
  readonly validatorViolations: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly options: ClientOptions,
  ) {}

  get requestsSent(): number {
    return this.sent;
  }

  async send(outgoing: OutgoingRequest): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.once(outgoing);
      if ((exchange.status !== 429 && exchange.status !== 503) || attempt >= this.options.maxRetries)
        return exchange;
      const wait = retryDelay(exchange, attempt);
      if (wait > this.options.maxRetryWaitMs) return exchange;
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
    this.sent++;
    const agent = request(this.baseUrl);
    const call =
      outgoing.method === 'GET'
        ? agent.get(outgoing.url)
        : outgoing.method === 'POST'
          ? agent.post(outgoing.url)
          : agent.delete(outgoing.url);
    try {
      const res = await call
        .set({ ...this.options.defaultHeaders, ...outgoing.headers })
        .timeout({ response: this.options.timeoutMs, deadline: this.options.timeoutMs * 2 })
        .ok(() => true)
        .buffer(true)
        .parse(rawText);
      const exchange: Exchange = {
        method: outgoing.method,
        url: outgoing.url,
        status: res.status,
        headers: res.headers,
        text: res.body as string,
      };
      this.validatorViolations.push(...responseViolations(exchange));
      return exchange;
    } catch (error) {
      const { code, timeout } = error as { code?: string; timeout?: number };
      const what =
        timeout !== undefined
          ? `no answer within ${this.options.timeoutMs} ms (NEXUS_TIMEOUT_MS)`
          : `the connection failed (${code ?? (error as Error).message})`;
      throw new ContractViolation('not_a_transport_error', `${outgoing.method} ${outgoing.url}: ${what}`);
    }
  }
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

/** Keeps every body as text, whatever its media type: the checks parse it themselves. */
function rawText(res: unknown, done: (error: Error | null, body: string) => void): void {
  const stream = res as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
  });
  stream.on('end', () => {
    done(null, text);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
