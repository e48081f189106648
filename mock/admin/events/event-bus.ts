import type { Clock } from '../../clock';
import type { AdminEvent, AdminEventBody } from './admin-event';

export type EventListener = (event: AdminEvent) => void;

/** The in-process channel from the store (through `observeStore`) to the event streams. */
export interface EventBus {
  /** Whether anyone listens to the session: when nobody does, publishers need not build the event. */
  watching(session: string): boolean;
  /** `at` (ISO 8601) is when it happened; the bus's clock now by default. */
  publish(session: string, body: AdminEventBody, at?: string): void;
  /** Returns the function that unsubscribes. */
  subscribe(session: string, listener: EventListener): () => void;
  /**
   * Resolves once the session's events reach this bus's listeners from wherever they happen: at once
   * for one process; for replicas (`shareEventBus`), once the others know that this one listens.
   */
  joined(session: string): Promise<void>;
}

/**
 * A bus for one process. A listener that throws is reported to `onError` and left subscribed: one
 * broken stream must not stop the others, nor fail the store call that published.
 */
export function createEventBus(clock: Clock, onError: (error: unknown) => void = () => undefined): EventBus {
  const listeners = new Map<string, Set<EventListener>>();
  let counter = 0;
  return {
    watching: (session) => listeners.has(session),
    publish(session, body, at) {
      const audience = listeners.get(session);
      if (!audience) return;
      const event: AdminEvent = {
        ...body,
        id: ++counter,
        session,
        at: at ?? new Date(clock.now()).toISOString(),
      };
      for (const listener of [...audience]) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    },
    subscribe(session, listener) {
      let audience = listeners.get(session);
      if (!audience) listeners.set(session, (audience = new Set()));
      audience.add(listener);
      return () => {
        audience.delete(listener);
        if (audience.size === 0 && listeners.get(session) === audience) listeners.delete(session);
      };
    },
    joined: () => Promise.resolve(),
  };
}
