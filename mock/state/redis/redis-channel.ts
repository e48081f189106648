import Redis from 'ioredis';
import type { ReplicaChannel } from '../replica-channel';
import type { RedisClient } from './redis-client';

/** The most a lost subscription waits between attempts to come back, as the store's own connection. */
const MAX_BACKOFF_MS = 1000;

/**
 * A `ReplicaChannel` on Redis pub/sub: messages leave on the store's connection (`PUBLISH`, which
 * answers how many subscribers got the message), and arrive on a connection of their own, opened
 * when the replica starts listening (a subscribed connection can do nothing else).
 */
export class RedisChannel implements ReplicaChannel {
  private subscriber: Redis | undefined;
  private listening: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly client: RedisClient,
  ) {}

  async send(message: string): Promise<number> {
    return Number(await this.client.command('PUBLISH', [this.key, message]));
  }

  listen(onMessage: (message: string) => void, onJoined: () => void): Promise<void> {
    if (this.listening) return this.listening;
    const subscriber = new Redis(this.url, {
      lazyConnect: true,
      // Subscribed again, by hand, each time the connection is ready: then `onJoined` may run.
      autoResubscribe: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 100, MAX_BACKOFF_MS),
    });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.key) onMessage(message);
    });
    // Errors are the store's to report (its own connection sees them too); the channel comes back with Redis.
    subscriber.on('error', () => undefined);
    const join = async (): Promise<void> => {
      await subscriber.subscribe(this.key);
      onJoined();
    };
    let readies = 0;
    subscriber.on('ready', () => {
      // The first 'ready' is `connect()`'s own; later ones follow a lost connection.
      if (++readies > 1) join().catch(() => undefined);
    });
    this.listening = subscriber.connect().then(join);
    return this.listening;
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (!subscriber) return;
    try {
      if (subscriber.status === 'ready') await subscriber.quit();
    } catch {
      // Closing anyway.
    }
    subscriber.disconnect();
  }
}
