/**
 * The store cannot be reached (Redis down, restarting, too slow to answer): the request that needed
 * it gets 503 with `Retry-After` instead of waiting, and the store reconnects on its own meanwhile.
 */
export class StoreUnavailable extends Error {
  /** What `Retry-After` says: about how long a reconnection takes. */
  readonly retryAfterSeconds = 1;

  constructor(
    readonly store: string,
    readonly reason: string,
  ) {
    super(`The ${store} store is unavailable: ${reason}`);
    this.name = 'StoreUnavailable';
  }
}
