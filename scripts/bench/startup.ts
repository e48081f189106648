import { startAndWait } from '../../support/processes';
import { median } from './stats';
import { firstOk } from './probe';
import { ENROLL_REQUEST, mockCommand } from './servers';

export interface Startup {
  /** Milliseconds from spawn to the first 200, one per start, in order. */
  readonly samples: readonly number[];
  readonly median: number;
  /** The same for `npm start -- --port 0`: npm, the staleness check (dist/ is fresh), then the CLI. */
  readonly npmStart: { readonly samples: readonly number[]; readonly median: number };
}

/**
 * Starts the built CLI `starts` times, one after the other, as `npm start` runs it on a port of its
 * choosing (`--port 0`, read back from its "listening on" line), and times each from spawn to the
 * first 200 answer of the enrollment endpoint.
 */
export async function measureStartup(starts: number): Promise<Startup> {
  const samples = await timeStarts(starts, process.execPath, mockCommand(0));
  // npm runs a shell that runs node: in a process group of its own, so stopping it stops them all.
  const npm = await timeStarts(starts, 'npm', ['start', '--silent', '--', '--port', '0'], true);
  return { samples, median: median(samples), npmStart: { samples: npm, median: median(npm) } };
}

async function timeStarts(
  starts: number,
  command: string,
  args: readonly string[],
  detached = false,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < starts; i++) {
    const spawnedAt = performance.now();
    const started = await startAndWait(command, args, /listening on (http:\/\/\S+)/, {
      timeoutMs: 30_000,
      detached,
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
