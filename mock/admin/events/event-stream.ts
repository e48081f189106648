import { Router, type Request, type Response } from 'express';
import { contextOf } from '../../http/context';
import { HttpProblem } from '../../http/problems';
import { methodNotAllowed } from '../../http/responses';
import { oneParameter } from '../params';
import { ADMIN_EVENT_TYPES, type AdminEvent, type AdminEventType } from './admin-event';
import type { EventBus } from './event-bus';

export interface EventStreamOptions {
  readonly bus: EventBus;
  /** Ends every open stream when aborted (the server shuts down): a stream never ends by itself. */
  readonly signal?: AbortSignal;
  /** Streams open at once, across sessions; one more gets 503. */
  readonly maxStreams?: number;
  /** How often a comment line keeps idle proxies from closing the stream. */
  readonly heartbeatMs?: number;
}

/** How long a browser's EventSource waits before reconnecting (the stream's `retry:` field). */
const RETRY_MS = 1000;
/** A client that reads slower than events arrive is cut off beyond this backlog; it reconnects and resyncs. */
const MAX_BACKLOG_BYTES = 1 << 20;
/** Events held while a new stream waits for the other replicas (at most `joinTimeoutMs`), before `ready`. */
const MAX_EARLY_EVENTS = 10_000;

/**
 * `GET /__admin/events`: Server-Sent Events of the request's session, as they happen. The stream
 * opens with a `ready` event (no id), then sends each `AdminEvent` as `id`, `event` (its type) and
 * one `data` line of JSON. `?types=ticket,email` keeps only those types. Nothing is replayed:
 * a client that reconnects reads the admin API again, then the stream.
 */
export function eventRoutes(options: EventStreamOptions): Router {
  const { bus } = options;
  const maxStreams = options.maxStreams ?? 64;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const open = new Set<Response>();
  options.signal?.addEventListener('abort', () => {
    for (const res of open) res.end();
  });
  const router = Router({ caseSensitive: true, strict: true });

  router
    .route('/events')
    .get(async (req: Request, res: Response) => {
      const { session, query } = contextOf(res);
      const types = typesParameter(oneParameter(query, 'types'));
      if (options.signal?.aborted) throw HttpProblem.of('too-many-streams', 'The mock is shutting down.');
      if (open.size >= maxStreams)
        throw HttpProblem.of(
          'too-many-streams',
          `The mock serves at most ${maxStreams} event streams at once; close one (a console tab) and retry.`,
          { 'Retry-After': '5' },
        );
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
      });
      // HEAD (which Express routes here) asks for the headers: a stream that never ends would hold a slot.
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      open.add(res);
      // Events that happen before `ready` (while the other replicas learn of this stream) follow it.
      let early: AdminEvent[] | undefined = [];
      const unsubscribe = bus.subscribe(session, (event) => {
        if (!types.includes(event.type)) return;
        if (early) {
          // As for a slow reader: past the backlog, the client reconnects and resyncs.
          if (early.push(event) > MAX_EARLY_EVENTS) res.destroy();
          return;
        }
        // The events of one turn of the event loop (a request's user, tickets, journal entry, and
        // those of the requests beside it) leave in one write, not one each.
        if (res.writableCorked === 0) {
          res.cork();
          setImmediate(() => {
            res.uncork();
          });
        }
        res.write(frame(event));
        if (res.writableLength > MAX_BACKLOG_BYTES) res.destroy();
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      res.once('close', () => {
        open.delete(res);
        unsubscribe();
        clearInterval(heartbeat);
      });
      await bus.joined(session);
      // Closed meanwhile (the client went away, the server shuts down): nothing more to write.
      if (res.writableEnded || res.destroyed) return;
      res.write(`retry: ${RETRY_MS}\nevent: ready\ndata: ${JSON.stringify({ session, types })}\n\n`);
      const held = early;
      early = undefined;
      for (const event of held) res.write(frame(event));
    })
    .all(methodNotAllowed('GET'));

  return router;
}

/** One event in the `text/event-stream` format (the JSON has no line break to split). */
export function frame(event: AdminEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

function typesParameter(text: string | undefined): readonly AdminEventType[] {
  if (text === undefined) return ADMIN_EVENT_TYPES;
  const wanted = text.split(',').map((t) => t.trim());
  const types = ADMIN_EVENT_TYPES.filter((t) => wanted.includes(t));
  const unknown = wanted.filter((t) => !types.some((known) => known === t));
  if (unknown.length > 0 || types.length === 0)
    throw HttpProblem.of(
      'invalid-admin-request',
      `The types parameter is a comma-separated list of: ${ADMIN_EVENT_TYPES.join(', ')}.`,
    );
  return types;
}
