import type { Logger } from '../logger';
import type { RedisStore } from '../state/redis/redis-store';
import type { MemoryStoreLimits } from '../state/memory-store';
import type { EnrollmentRecords, EnrollmentStore } from '../behaviours/enrollment/records';
import { redactStoreUrl } from './team-options';

/** The store could not be opened: start-up stops with this one line and exit code 2. */
export class StoreStartError extends Error {
  override name = 'StoreStartError';
}

export interface OpenedStore {
  /** Undefined for `memory`: `createApp` builds its memory store from the limits. */
  readonly store: EnrollmentStore | undefined;
  /** `memory` or the Redis URL without its password, for the log. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Opens the store `--store` names. Redis must answer before the mock listens: a replica that
 * started without its state would serve an empty mock. Once running, the store's losses and
 * recoveries go to the log, once each.
 */
export async function openStore(
  setting: string,
  options: { limits: MemoryStoreLimits; ticketTtlMs: number; sessionTtlMs: number | undefined },
  logger: Logger,
): Promise<OpenedStore> {
  if (setting === 'memory')
    return { store: undefined, description: 'memory', close: () => Promise.resolve() };
  const description = redactStoreUrl(setting);
  // Loaded here, not at start-up: ioredis is for `--store redis` only.
  const { RedisStore, DEFAULT_SESSION_TTL_MS } = await import('../state/redis/redis-store');
  let store: RedisStore<EnrollmentRecords>;
  try {
    store = await RedisStore.connect<EnrollmentRecords>({
      url: setting,
      limits: options.limits,
      sessionTtlMs: options.sessionTtlMs ?? Math.max(DEFAULT_SESSION_TTL_MS, 2 * options.ticketTtlMs),
      onStatus: (status, reason) => {
        if (status === 'down')
          logger.warn({ store: description, reason }, 'store down; answering 503 until it is back');
        else logger.info({ store: description }, 'store reconnected');
      },
    });
  } catch (error) {
    throw new StoreStartError(`cannot reach Redis at ${description} (--store): ${(error as Error).message}`);
  }
  return { store, description, close: () => store.close() };
}
