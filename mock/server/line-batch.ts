import type { DestinationStream } from 'pino';

/** A pino destination that hands lines on in batches; `flush` hands on what it holds. */
export interface LineBatch extends DestinationStream {
  flush(): void;
}

/** What the batches are handed to: a stream (sonic-boom) that says when to wait for `drain`. */
export interface Drainable {
  /** False: wait for `drain` before writing more. */
  write(text: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * Collects pino's lines and hands them to `destination` joined, once they reach `minLength`
 * characters and the destination is not asking to wait: what sonic-boom's own `minLength` does,
 * without two of its costs under load.
 *
 * - Sonic-boom appends each line to the string it buffers and measures that whole string's byte
 *   length, which flattens it: every line copied the kilobytes buffered before it (about a quarter of
 *   the mock's time per request at 10 000 requests a second). Joined here, each line is copied once.
 * - Sonic-boom writes at most 16 KiB per write, one write at a time: at more lines a second than that
 *   drains, its buffer grew without end (16 MB after 15 s of the bench). Held here while it asks to
 *   wait, the lines go out together in the next write, however many there are.
 */
export function batchLines(destination: Drainable, minLength: number): LineBatch {
  let lines: string[] = [];
  let length = 0;
  let waiting = false;
  const handOn = (): void => {
    const text = lines.join('');
    lines = [];
    length = 0;
    if (destination.write(text)) return;
    waiting = true;
    destination.once('drain', () => {
      waiting = false;
      if (length >= minLength) handOn();
    });
  };
  return {
    write: (line) => {
      lines.push(line);
      length += line.length;
      if (length >= minLength && !waiting) handOn();
    },
    flush: () => {
      if (lines.length > 0) handOn();
    },
  };
}
