// @ts-check
/**
 * Server-Sent Events read with `fetch`, because EventSource cannot send the admin token header.
 * The parser follows the HTML standard's event stream format (fields, comments, CRLF or LF lines,
 * multi-line data); `followEvents` reconnects when the stream drops.
 */

/**
 * @typedef {object} StreamEvent
 * @property {string} type the `event` field (`message` without one)
 * @property {string} data the `data` lines, joined with line feeds
 * @property {string | undefined} id
 */

/**
 * Returns a function to feed with the stream's text, chunk by chunk (a chunk may end anywhere).
 * @param {(event: StreamEvent) => void} onEvent
 * @param {(retryMs: number) => void} [onRetry]
 */
export function createSseParser(onEvent, onRetry = () => undefined) {
  let pending = '';
  /** @type {string[]} */
  let data = [];
  let type = '';
  /** @type {string | undefined} */
  let id;
  /** @param {string} line */
  const take = (line) => {
    if (line === '') {
      if (data.length > 0) onEvent({ type: type || 'message', data: data.join('\n'), id });
      data = [];
      type = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  };
  /** @param {string} chunk */
  return (chunk) => {
    pending += chunk;
    for (let end = pending.search(/\r\n|\r|\n/); end !== -1; end = pending.search(/\r\n|\r|\n/)) {
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for more.
      if (pending[end] === '\r' && end === pending.length - 1) break;
      const width = pending.startsWith('\r\n', end) ? 2 : 1;
      take(pending.slice(0, end));
      pending = pending.slice(end + width);
    }
  };
}

/**
 * @typedef {'connecting' | 'live' | 'reconnecting'} StreamState
 */

/**
 * Reads an event stream until `stop()`, reconnecting after a drop (waiting the stream's `retry`,
 * longer after each failure, at most 10 s).
 * @param {object} options
 * @param {(signal: AbortSignal) => Promise<Response>} options.open sends the request
 * @param {(event: StreamEvent) => void} options.onEvent
 * @param {(state: StreamState, why?: string) => void} options.onState
 * @returns {{ stop(): void }}
 */
export function followEvents({ open, onEvent, onState }) {
  let stopRequested = false;
  /** Read through a call: `stop()` changes it while the loop awaits. */
  const stopped = () => stopRequested;
  let controller = new AbortController();
  let retryMs = 1000;
  let failures = 0;
  /** @type {(() => void) | undefined} */
  let wake;

  const connect = async () => {
    onState('connecting');
    while (!stopped()) {
      controller = new AbortController();
      let why = 'the stream ended';
      try {
        const response = await open(controller.signal);
        if (!response.ok || !response.body) {
          why = `the mock answered ${response.status}`;
        } else {
          const feed = createSseParser(
            (event) => {
              failures = 0;
              if (event.type === 'ready') onState('live');
              onEvent(event);
            },
            (ms) => (retryMs = ms),
          );
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (let read = await reader.read(); !read.done; read = await reader.read()) feed(read.value);
        }
      } catch (error) {
        if (stopped()) return;
        why = error instanceof Error ? error.message : String(error);
      }
      if (stopped()) return;
      failures++;
      onState('reconnecting', why);
      const delay = Math.min(10_000, retryMs * 2 ** Math.min(failures - 1, 4));
      await new Promise((resolve) => {
        wake = () => {
          resolve(undefined);
        };
        setTimeout(wake, delay);
      });
    }
  };
  void connect();
  return {
    stop() {
      stopRequested = true;
      controller.abort();
      wake?.();
    },
  };
}
