import { ManualClock } from '../../clock';
import type { ReplicaChannel } from '../../state/replica-channel';
import type { AdminEvent, AdminEventBody } from './admin-event';
import { createEventBus, type EventBus } from './event-bus';
import { shareEventBus } from './shared-event-bus';

/**
 * Replicas' buses on an in-process channel that delivers as Redis pub/sub does: to every listener,
 * the sender included, in the order sent, after the send returns.
 */
function channelHub() {
  const listeners = new Set<(message: string) => void>();
  const sent: string[] = [];
  const channel = (): ReplicaChannel => {
    let mine: ((message: string) => void) | undefined;
    return {
      send(message) {
        sent.push(message);
        const audience = [...listeners];
        setImmediate(() => {
          for (const listener of audience) listener(message);
        });
        return Promise.resolve(audience.length);
      },
      listen(onMessage, onJoined) {
        mine = onMessage;
        listeners.add(onMessage);
        onJoined();
        return Promise.resolve();
      },
      close() {
        if (mine) listeners.delete(mine);
        return Promise.resolve();
      },
    };
  };
  /** The messages sent of kind `t`. */
  const kinds = (t: string) => sent.filter((m) => (JSON.parse(m) as { t: string }).t === t);
  return { channel, kinds };
}

const reset: AdminEventBody = { type: 'session', action: 'reset' };
const errors: unknown[] = [];
const replicaOn = (hub: ReturnType<typeof channelHub>): EventBus => {
  const clock = new ManualClock();
  return shareEventBus(createEventBus(clock), hub.channel(), {
    clock,
    onError: (error) => errors.push(error),
  });
};
/** Lets the hub deliver what was sent (one turn of the event loop per hop). */
const delivered = async (hops = 2): Promise<void> => {
  for (let i = 0; i < hops; i++) await new Promise((resolve) => setImmediate(resolve));
};

afterEach(() => {
  errors.splice(0);
});

describe('shareEventBus', () => {
  it('sends no event to the channel while no other replica streams the session', async () => {
    const hub = channelHub();
    const a = replicaOn(hub);
    const b = replicaOn(hub);
    a.subscribe('mine', () => undefined);
    await a.joined('mine');
    b.publish('other', reset);
    a.publish('mine', reset);
    await delivered();
    expect(hub.kinds('event')).toEqual([]);
    expect(b.watching('other')).toBe(false);
  });

  it("delivers another replica's event once the stream has joined, and its own directly, once", async () => {
    const hub = channelHub();
    const a = replicaOn(hub);
    const b = replicaOn(hub);
    const onA: AdminEvent[] = [];
    a.subscribe('s', (event) => onA.push(event));
    await a.joined('s');
    expect(b.watching('s')).toBe(true);
    b.publish('s', reset, '2026-01-01T00:00:01.000Z');
    a.publish('s', reset, '2026-01-01T00:00:02.000Z');
    await delivered();
    expect(onA.map((e) => e.at)).toEqual(['2026-01-01T00:00:02.000Z', '2026-01-01T00:00:01.000Z']);
    expect(hub.kinds('event')).toHaveLength(1);
  });

  it('stops sending once the last stream of the session on the other replica closes', async () => {
    const hub = channelHub();
    const a = replicaOn(hub);
    const b = replicaOn(hub);
    const unsubscribe = a.subscribe('s', () => undefined);
    await a.joined('s');
    unsubscribe();
    await delivered();
    expect(b.watching('s')).toBe(false);
    b.publish('s', reset);
    await delivered();
    expect(hub.kinds('event')).toEqual([]);
  });

  it('tells a replica that joins later which sessions the others stream', async () => {
    const hub = channelHub();
    const a = replicaOn(hub);
    a.subscribe('s', () => undefined);
    await a.joined('s');
    const late = replicaOn(hub);
    await delivered(3);
    expect(late.watching('s')).toBe(true);
  });

  it.each(['not json', '{"o":"x","t":"event","s":"s"}', '{"t":"hello"}', '{"o":"x","t":"shout"}'])(
    'reports a malformed message on the channel (%s) and goes on',
    async (text) => {
      const hub = channelHub();
      const a = replicaOn(hub);
      const onA: AdminEvent[] = [];
      a.subscribe('s', (event) => onA.push(event));
      await a.joined('s');
      await hub.channel().send(text);
      await delivered();
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toContain('malformed message on the events channel');
      expect(onA).toEqual([]);
    },
  );
});
