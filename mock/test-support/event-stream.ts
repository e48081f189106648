import http from 'node:http';

export interface StreamedEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: unknown;
}

export interface EventReader {
  /** The next event not yet read; waits for it. */
  next(): Promise<StreamedEvent>;
  /** Reads events until one of `type` arrives (within the next 10 000), and returns it. */
  until(type: string): Promise<StreamedEvent>;
  /** Everything the stream sent so far, as text. */
  raw(): string;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/**
 * Opens `GET /__admin/events` as a tool would, and resolves once its `ready` event has arrived: from
 * then on, every change of the session is on the stream.
 */
export async function openEvents(url: string, headers: Record<string, string> = {}): Promise<EventReader> {
  let text = '';
  let parsedUpTo = 0;
  const events: StreamedEvent[] = [];
  const waiters: (() => void)[] = [];
  let endStream = (): void => undefined;
  const ended = new Promise<void>((resolve) => (endStream = resolve));
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get(url, { headers }, resolve).on('error', reject);
  });
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${String(res.statusCode)}`);
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    for (let end = text.indexOf('\n\n', parsedUpTo); end !== -1; end = text.indexOf('\n\n', parsedUpTo)) {
      const block = text.slice(parsedUpTo, end);
      parsedUpTo = end + 2;
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      const data = fields.get('data');
      if (data !== undefined)
        events.push({
          event: fields.get('event') ?? 'message',
          id: fields.get('id'),
          data: JSON.parse(data),
        });
    }
    waiters.splice(0).forEach((wake) => {
      wake();
    });
  });
  res.on('close', () => {
    endStream();
    waiters.splice(0).forEach((wake) => {
      wake();
    });
  });
  let read = 0;
  let closed = false;
  void ended.then(() => (closed = true));
  const next = async (): Promise<StreamedEvent> => {
    while (read >= events.length) {
      if (closed) throw new Error(`The stream ended; it sent:\n${text}`);
      await new Promise<void>((wake) => waiters.push(wake));
    }
    const event = events[read++];
    if (!event) throw new Error('unreachable');
    return event;
  };
  const reader: EventReader = {
    next,
    async until(type) {
      for (let skipped = 0; skipped < 10_000; skipped++) {
        const event = await next();
        if (event.event === type) return event;
      }
      throw new Error(`No ${type} event among the next 10 000`);
    },
    raw: () => text,
    ended,
    close: () => res.destroy(),
  };
  const ready = await reader.next();
  if (ready.event !== 'ready') throw new Error(`The stream opened with ${ready.event}, not ready`);
  return reader;
}
