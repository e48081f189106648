/** Start-up as a user sees it: spawn to the first 200 of the enrollment, for any command that starts the mock. */
import { startAndWait, type StartOptions } from '../../support/processes';
import { firstOk } from './probe';
import { ENROLL_REQUEST } from './servers';

export interface Samples {
  /** Milliseconds from spawn to the first 200, one per start, in order. */
  readonly samples: readonly number[];
  readonly median: number;
}

/** Spawns `command` `starts` times, one after the other, and times each from spawn to its first 200. */
export async function timeStarts(
  starts: number,
  command: string,
  args: readonly string[],
  options: Omit<StartOptions, 'timeoutMs'> = {},
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < starts; i++) {
    const spawnedAt = performance.now();
    const started = await startAndWait(command, args, /listening on (http:\/\/\S+)/, {
      ...options,
      timeoutMs: 30_000,
    });
    try {
      const url = started.match[1] ?? '';
      samples.push((await firstOk(url, started.child, ENROLL_REQUEST)) - spawnedAt);
    } finally {
      await started.stop();
    }
  }
  return samples;
}
