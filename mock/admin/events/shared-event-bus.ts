import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type { ReplicaChannel } from '../../state/replica-channel';
import { StoreUnavailable } from '../../state/store-unavailable';
import { ADMIN_EVENT_TYPES, type AdminEventBody } from './admin-event';
import { createEventBus, type EventBus } from './event-bus';

export interface SharedBusOptions {
  readonly clock: Clock;
  readonly onError: (error: unknown) => void;
  /** Stops re-announcing this replica's streams (the server shuts down). */
  readonly signal?: AbortSignal;
  /** How often a replica repeats which sessions it streams; a replica silent for three times this is gone. */
  readonly announceMs?: number;
  /** The longest a new stream waits for the other replicas to answer before it opens anyway. */
  readonly joinTimeoutMs?: number;
}

/**
 * What replicas say to each other on the channel, each message naming its origin (`o`): an event of
 * a session (`s`), that a replica streams a session (`watch`, with a nonce `n` when it wants every
 * other replica to `ack`), that it no longer does (`unwatch`), or that it just joined (`hello`: the
 * others announce their streams again).
 */
type Message =
  | {
      readonly o: string;
      readonly t: 'event';
      readonly s: string;
      readonly at: string;
      readonly b: AdminEventBody;
    }
  | { readonly o: string; readonly t: 'watch'; readonly s: string; readonly n?: string }
  | { readonly o: string; readonly t: 'ack'; readonly to: string; readonly n: string }
  | { readonly o: string; readonly t: 'unwatch'; readonly s: string }
  | { readonly o: string; readonly t: 'hello' };

/**
 * The event bus of one replica among several on one store (`--store redis`): what any replica
 * publishes reaches the event streams of every replica, through the store's channel. A replica sends
 * a session's events to the channel only while another replica streams that session, so a mock that
 * nobody watches pays nothing more; it delivers its own events to its own streams directly and
 * ignores their echo, so each event is streamed once.
 */
export function shareEventBus(local: EventBus, channel: ReplicaChannel, options: SharedBusOptions): EventBus {
  const me = randomUUID();
  const announceMs = options.announceMs ?? 30_000;
  const joinTimeoutMs = options.joinTimeoutMs ?? 2000;
  /** Session -> the replicas streaming it -> when they last said so (performance.now()). */
  const remote = new Map<string, Map<string, number>>();
  /** Sessions streamed here -> resolves once the other replicas acknowledged it. */
  const joins = new Map<string, Promise<void>>();
  const awaitingAcks = new Map<string, { acks: number; expected: number; done: () => void }>();
  let nonces = 0;

  const send = (message: Message): Promise<number> =>
    channel.send(JSON.stringify(message)).catch((error: unknown) => {
      // A store that is down says so once (server/); the events are lost, the requests are not.
      if (!(error instanceof StoreUnavailable)) options.onError(error);
      return 0;
    });

  const remoteWatching = (session: string): boolean => {
    const watchers = remote.get(session);
    if (!watchers) return false;
    const since = performance.now() - 3 * announceMs;
    for (const [origin, seen] of watchers) if (seen < since) watchers.delete(origin);
    if (watchers.size === 0) remote.delete(session);
    return watchers.size > 0;
  };

  const announce = async (session: string): Promise<void> => {
    await listening;
    const n = `${me}:${++nonces}`;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, joinTimeoutMs);
      timer.unref();
      function finish(): void {
        clearTimeout(timer);
        awaitingAcks.delete(n);
        resolve();
      }
      const waiting = { acks: 0, expected: Infinity, done: finish };
      awaitingAcks.set(n, waiting);
      void send({ o: me, t: 'watch', s: session, n }).then((listeners) => {
        // Everyone listening but this replica answers; none (0: the store is down) or alone, nobody.
        waiting.expected = Math.max(listeners - 1, 0);
        if (waiting.acks >= waiting.expected) finish();
      });
    });
  };

  const receive = (text: string): void => {
    const message = parse(text);
    if (!message) {
      options.onError(new Error(`A malformed message on the events channel: ${text.slice(0, 80)}`));
      return;
    }
    if (message.o === me) return;
    switch (message.t) {
      case 'event':
        local.publish(message.s, message.b, message.at);
        return;
      case 'watch': {
        let watchers = remote.get(message.s);
        if (!watchers) remote.set(message.s, (watchers = new Map<string, number>()));
        watchers.set(message.o, performance.now());
        if (message.n !== undefined) void send({ o: me, t: 'ack', to: message.o, n: message.n });
        return;
      }
      case 'ack': {
        const waiting = message.to === me ? awaitingAcks.get(message.n) : undefined;
        if (waiting && ++waiting.acks >= waiting.expected) waiting.done();
        return;
      }
      case 'unwatch':
        remote.get(message.s)?.delete(message.o);
        return;
      case 'hello':
        for (const session of joins.keys()) void send({ o: me, t: 'watch', s: session });
        return;
    }
  };

  // Joined (again): what the others said while this replica was away is lost, so it asks them.
  const listening = channel
    .listen(receive, () => {
      void send({ o: me, t: 'hello' });
      for (const session of joins.keys()) void send({ o: me, t: 'watch', s: session });
    })
    .catch((error: unknown) => {
      options.onError(error);
    });
  const repeat = setInterval(() => {
    for (const session of joins.keys()) void send({ o: me, t: 'watch', s: session });
  }, announceMs);
  repeat.unref();
  options.signal?.addEventListener('abort', () => {
    clearInterval(repeat);
  });

  return {
    watching: (session) => local.watching(session) || remoteWatching(session),
    publish(session, body, at = new Date(options.clock.now()).toISOString()) {
      local.publish(session, body, at);
      if (remoteWatching(session)) void send({ o: me, t: 'event', s: session, at, b: body });
    },
    subscribe(session, listener) {
      const unsubscribe = local.subscribe(session, listener);
      if (!joins.has(session)) joins.set(session, announce(session));
      return () => {
        unsubscribe();
        if (local.watching(session) || !joins.delete(session)) return;
        void send({ o: me, t: 'unwatch', s: session });
      };
    },
    joined: (session) => joins.get(session) ?? Promise.resolve(),
  };
}

/** The bus for a replica whose store may have a channel to the others (Redis), else for one process. */
export function eventBusFor(channel: ReplicaChannel | undefined, options: SharedBusOptions): EventBus {
  const local = createEventBus(options.clock, options.onError);
  return channel ? shareEventBus(local, channel, options) : local;
}

/** A message from the channel, or undefined when it is not one (another program on the same prefix). */
function parse(text: string): Message | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.o !== 'string') return undefined;
  const text_ = (key: string): boolean => typeof m[key] === 'string';
  switch (m.t) {
    case 'event': {
      const body = m.b as Record<string, unknown> | null | undefined;
      const known = ADMIN_EVENT_TYPES.some((type) => type === body?.type);
      return text_('s') && text_('at') && known ? (value as Message) : undefined;
    }
    case 'watch':
      return text_('s') && (m.n === undefined || text_('n')) ? (value as Message) : undefined;
    case 'ack':
      return text_('to') && text_('n') ? (value as Message) : undefined;
    case 'unwatch':
      return text_('s') ? (value as Message) : undefined;
    case 'hello':
      return value as Message;
    default:
      return undefined;
  }
}
