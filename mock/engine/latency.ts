import type { RandomSource } from '../random';

/** A delay added to every enrollment answer: a fixed `ms`, or seeded-random between `min` and `max`. */
export interface Latency {
  readonly min: number;
  readonly max: number;
}

/** `200` or `100-500` (milliseconds). */
export function parseLatency(raw: string): Latency {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(raw);
  if (!match) throw new Error(`'${raw}' is not a latency such as 200 or 100-500 (milliseconds)`);
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (max < min) throw new Error(`'${raw}': the maximum is below the minimum`);
  if (max > 120_000) throw new Error(`'${raw}': at most 120000 ms`);
  return { min, max };
}

/** The delay for one request; `label` names it, so the same seed and requests give the same delays. */
export function delayFor(latency: Latency, random: RandomSource, label: string): number {
  if (latency.max === latency.min) return latency.min;
  return latency.min + (random.int(label) % (latency.max - latency.min + 1));
}
