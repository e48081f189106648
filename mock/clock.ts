/**
 * Where the mock reads the time and waits (latency, scenario delays); tests inject a manual clock
 * to move time and to see what the mock waited for, without sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))),
};

/** A clock that only moves when told to; a wait moves it at once, and is remembered. */
export class ManualClock implements Clock {
  /** Every wait asked for, in order. */
  readonly slept: number[] = [];

  constructor(private current = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.advance(ms);
    return Promise.resolve();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
