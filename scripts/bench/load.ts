import autocannon from 'autocannon';

export interface Sample {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
  readonly non2xx: number;
  readonly errors: number;
}

export interface LoadOptions {
  readonly connections: number;
  /** Seconds to load for; ignored when `amount` is given. */
  readonly duration?: number;
  /** Requests to send, in all; the run also stops after `maxSeconds`. */
  readonly amount?: number;
  readonly maxSeconds?: number;
}

/** Loads `url` with autocannon, the requests sent in turn on each connection, and sums up the run. */
export function load(
  url: string,
  requests: readonly autocannon.Request[],
  options: LoadOptions,
): Promise<Sample> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        ...(options.amount === undefined ? { duration: options.duration ?? 10 } : { amount: options.amount }),
        requests: [...requests],
      },
      (error, result) => {
        clearTimeout(timer);
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        resolve({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          total: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    // A run of `amount` requests has no duration of its own: bound it in time too.
    if (options.maxSeconds !== undefined)
      timer = setTimeout(() => {
        instance.stop();
      }, options.maxSeconds * 1000);
  });
}
