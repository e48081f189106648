import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLEAN_ENV, installInto, packKit } from '../lib/packed-kit';
import { median } from './stats';
import { timeStarts, type Samples } from './time-starts';

export interface PackedKitStartup {
  /** `this` (the working tree, packed), or `baseline` (the tarball given with `--baseline-tarball`). */
  readonly kit: string;
  /** `npx nexus-mock --port 0` in the project the kit is installed in. */
  readonly npx: Samples;
  /** `node_modules/.bin/nexus-mock --port 0`: the same without npx's own start. */
  readonly bin: Samples;
}

/**
 * `npx nexus-mock` as a team runs it: dist/ packed, installed from its tarball into a fresh project
 * (offline), started `starts` times, spawn to the first 200 of the enrollment. With `baselineTarball`
 * (the kit packed from another commit) both are installed and started in turn (this, baseline,
 * this ...), so the machine's noise falls on both alike. dist/ must be built (`npm run bench` does).
 */
export async function measurePackedStartup(
  starts: number,
  baselineTarball: string | undefined,
): Promise<PackedKitStartup[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'nexus-bench-startup-'));
  try {
    const kits = [{ kit: 'this', tarball: (await packKit(work)).tarball }];
    if (baselineTarball !== undefined) kits.push({ kit: 'baseline', tarball: path.resolve(baselineTarball) });
    const projects = new Map<string, string>();
    for (const { kit, tarball } of kits)
      projects.set(
        kit,
        await installInto(path.join(work, kit), tarball, {
          manifest: {
            name: `startup-${kit}`,
            version: '1.0.0',
            private: true,
            dependencies: { 'nexus-mock-kit': '*' },
          },
        }),
      );
    const samples = new Map(kits.map(({ kit }) => [kit, { npx: [] as number[], bin: [] as number[] }]));
    for (let i = 0; i < starts; i++)
      for (const { kit } of kits) {
        const cwd = projects.get(kit) ?? work;
        const into = samples.get(kit);
        const options = { cwd, env: CLEAN_ENV, detached: true };
        into?.npx.push(...(await timeStarts(1, 'npx', ['nexus-mock', '--port', '0'], options)));
        const bin = path.join(cwd, 'node_modules', '.bin', 'nexus-mock');
        into?.bin.push(...(await timeStarts(1, bin, ['--port', '0'], options)));
      }
    return kits.map(({ kit }) => {
      const { npx, bin } = samples.get(kit) ?? { npx: [], bin: [] };
      return { kit, npx: { samples: npx, median: median(npx) }, bin: { samples: bin, median: median(bin) } };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
