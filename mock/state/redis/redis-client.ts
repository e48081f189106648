import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import Redis from 'ioredis';
import { StoreUnavailable } from '../store-unavailable';
import { SCRIPTS, type ScriptName } from './lua';

export type Reply = string | number | null | readonly Reply[];

export interface RedisClientOptions {
  /** `redis://HOST:PORT[/DB]` (`rediss://` for TLS; a password may be given as `redis://:PASSWORD@HOST`). */
  readonly url: string;
  /** How long one command may take before the request that needed it gets a 503. */
  readonly commandTimeoutMs?: number;
  /** Told when the connection is lost and when it is back (for the log). */
  readonly onStatus?: (status: 'down' | 'up', reason: string) => void;
}

/** Redis replies that mean "not now" rather than "wrong": the request gets a 503 like a lost connection. */
const TRANSIENT_REPLIES = /^(LOADING|BUSY|MASTERDOWN|READONLY|OOM|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)\b/;

/** The most a reconnection waits between attempts: Redis back after a restart is used within a second. */
const MAX_BACKOFF_MS = 1000;

/**
 * One ioredis connection, set up so that no request ever waits on a Redis that is gone: commands
 * fail at once while disconnected (no offline queue, no retries of a sent command), a command
 * without an answer fails after `commandTimeoutMs`, and the client reconnects in the background.
 * Every failure of that kind becomes `StoreUnavailable`.
 */
export class RedisClient {
  private readonly redis: Redis;
  private readonly shas = new Map<ScriptName, string>();
  private lastError = 'not connected yet';
  private down = false;
  private connectedOnce = false;
  private corked = false;

  constructor(private readonly options: RedisClientOptions) {
    this.redis = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 1000,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 100, MAX_BACKOFF_MS),
      // Measured: ioredis's auto-pipelining cost more per command (a pipeline object per turn of the
      // event loop) than it saved in writes, ~25% of the throughput on the enrollment benchmark.
      enableAutoPipelining: false,
    });
    this.redis.on('error', (error: Error) => {
      this.lastError = error.message;
      this.setDown(true, error.message);
    });
    this.redis.on('close', () => {
      this.setDown(true, this.lastError === '' ? 'connection closed' : this.lastError);
    });
    this.redis.on('ready', () => {
      this.lastError = '';
      this.setDown(false, 'connected');
    });
    for (const [name, source] of Object.entries(SCRIPTS) as [ScriptName, string][])
      this.shas.set(name, createHash('sha1').update(source).digest('hex'));
  }

  /** Connects and checks with PING; rejects with the reason when Redis cannot be reached. */
  async connect(): Promise<void> {
    try {
      await this.redis.connect();
      await this.redis.ping();
    } catch (error) {
      const reason = this.lastError === '' ? (error as Error).message : this.lastError;
      this.redis.disconnect();
      throw new Error(reason);
    }
  }

  get connected(): boolean {
    return this.redis.status === 'ready';
  }

  /** Runs one of the store's scripts (loading it again when Redis restarted and forgot it). */
  /**
   * Holds the connection's writes until the current turn of the event loop ends, so the commands of
   * every request handled in it leave in one write (ioredis writes each command on its own: a system
   * call and a string copy each, a quarter of the mock's time under load).
   */
  private batchWrites(): void {
    if (this.corked) return;
    const { stream } = this.redis;
    if (!(stream as Partial<Socket> | undefined)?.cork) return;
    this.corked = true;
    stream.cork();
    process.nextTick(() => {
      this.corked = false;
      stream.uncork();
    });
  }

  async script(name: ScriptName, args: readonly (string | number)[]): Promise<Reply> {
    this.batchWrites();
    const sha = this.shas.get(name) ?? '';
    try {
      try {
        return (await this.redis.evalsha(sha, 0, ...args)) as Reply;
      } catch (error) {
        if (!(error as Error).message.startsWith('NOSCRIPT')) throw error;
        return (await this.redis.eval(SCRIPTS[name], 0, ...args)) as Reply;
      }
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Runs a plain command. */
  async command(name: string, args: readonly (string | number)[]): Promise<Reply> {
    this.batchWrites();
    try {
      return (await this.redis.call(name, ...args)) as Reply;
    } catch (error) {
      throw this.translate(error);
    }
  }

  async quit(): Promise<void> {
    // Closing on purpose: no 'store down' in the log.
    this.connectedOnce = false;
    try {
      if (this.redis.status === 'ready') await this.redis.quit();
    } catch {
      // Closing anyway.
    }
    this.redis.disconnect();
  }

  private translate(error: unknown): unknown {
    const message = error instanceof Error ? error.message : String(error);
    const reply = error instanceof Error && error.name === 'ReplyError';
    if (reply && !TRANSIENT_REPLIES.test(message)) return error;
    return new StoreUnavailable('Redis', message);
  }

  private setDown(down: boolean, reason: string): void {
    // Before the first connection, `connect()` reports the failure itself.
    if (down && !this.connectedOnce) return;
    if (!down) this.connectedOnce = true;
    if (down === this.down) return;
    this.down = down;
    this.options.onStatus?.(down ? 'down' : 'up', reason);
  }
}
