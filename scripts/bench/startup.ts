import { startAndWait } from '../../support/processes';
import { median } from './stats';
import { firstOk } from './probe';
import { ENROLL_REQUEST, mockCommand } from './servers';

export interface Startup {
  /** Milliseconds from spawn to the first 200, one per start, in order. */
  readonly samples: readonly number[];
  readonly median: number;
}

/**
 * Starts the built CLI `starts` times, one after the other, as `npm start` runs it on a port of its
 * choosing (`--port 0`, read back from its "listening on" line), and times each from spawn to the
 * first 200 answer of the enrollment endpoint.
 */
export async function measureStartup(starts: number): Promise<Startup> {
  const samples: number[] = [];
  for (let i = 0; i < starts; i++) {
    const spawnedAt = performance.now();
    const started = await startAndWait(process.execPath, mockCommand(0), /listening on (http:\/\/\S+)/, {
      timeoutMs: 30_000,
    });
    try {
      const url = started.match[1] ?? '';
      samples.push((await firstOk(url, started.child, ENROLL_REQUEST)) - spawnedAt);
    } finally {
      await started.stop();
    }
  }
  return { samples, median: median(samples) };
}
