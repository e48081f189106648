import type { DestinationStream } from 'pino';

/** A pino destination that hands lines on in batches; `flush` hands on what it holds. */
export interface LineBatch extends DestinationStream {
  flush(): void;
}

/**
 * Collects pino's lines and hands them to `destination` joined, once they reach `minLength`
 * characters: what sonic-boom's own `minLength` does, without its cost. Sonic-boom appends each line
 * to the string it is buffering and measures that whole string's byte length, which flattens it:
 * while a write is in flight, every line copied the kilobytes buffered before it (about a quarter of
 * the mock's per-request time at 10 000 requests a second). Joined here, each line is copied once.
 */
export function batchLines(destination: DestinationStream, minLength: number): LineBatch {
  let lines: string[] = [];
  let length = 0;
  const handOn = (): void => {
    const text = lines.join('');
    lines = [];
    length = 0;
    destination.write(text);
  };
  return {
    write: (line) => {
      lines.push(line);
      length += line.length;
      if (length >= minLength) handOn();
    },
    flush: () => {
      if (lines.length > 0) handOn();
    },
  };
}
