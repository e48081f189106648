import { median } from './stats';
import { mockCommand } from './servers';
import { measurePackedStartup, type PackedKitStartup } from './packed-startup';
import { timeStarts, type Samples } from './time-starts';

export interface Startup extends Samples {
  /** The same for `npm start -- --port 0`: npm, the staleness check (dist/ is fresh), then the CLI. */
  readonly npmStart: Samples;
  /** `npx nexus-mock` from the packed kit, installed (and from a baseline tarball, when given). */
  readonly packed: readonly PackedKitStartup[];
}

/**
 * Starts the built CLI `starts` times, one after the other, as `npm start` runs it on a port of its
 * choosing (`--port 0`, read back from its "listening on" line), and times each from spawn to the
 * first 200 answer of the enrollment endpoint; then `npm start` the same way, then `npx nexus-mock`
 * from the packed kit (beside the `baselineTarball` kit, when given: see packed-startup.ts).
 */
export async function measureStartup(starts: number, baselineTarball?: string): Promise<Startup> {
  const samples = await timeStarts(starts, process.execPath, mockCommand(0));
  // npm runs a shell that runs node: in a process group of its own, so stopping it stops them all.
  const npm = await timeStarts(starts, 'npm', ['start', '--silent', '--', '--port', '0'], { detached: true });
  const packed = await measurePackedStartup(starts, baselineTarball);
  return { samples, median: median(samples), npmStart: { samples: npm, median: median(npm) }, packed };
}
