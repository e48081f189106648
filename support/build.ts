import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../spec/document';

/** Long enough for a full build on a 2-core CI machine. */
export const BUILD_TIMEOUT_MS = 120_000;

const LOCK = path.join(PACKAGE_ROOT, 'dist', '.build.lock');

/**
 * Brings dist/ up to date with the sources, for tests that run the built CLI or scripts as a user
 * does: they never judge a stale copy. An incremental `tsc -p tsconfig.build.json`, a no-op when
 * dist/ is fresh (as it is under `npm test`). tsc exits 2 when it reports type errors and still
 * emits (`npm run typecheck` is where those fail); 1 means nothing was emitted.
 *
 * Call it from `beforeAll(buildDist, BUILD_TIMEOUT_MS)`.
 */
export function buildDist(): void {
  withLock(() => {
    run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  });
}

/**
 * dist/ as `npm run build` makes it for the packed kit: the CommonJS build, then the ES module build
 * in dist/esm/ (scripts/build-esm.mjs). Call it from `beforeAll(buildPackage, BUILD_TIMEOUT_MS)`.
 */
export function buildPackage(): void {
  withLock(() => {
    run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
    run([path.join(PACKAGE_ROOT, 'scripts', 'build-esm.mjs')]);
  });
}

/** Runs a build step with Node; tsc's exit 2 (type errors reported, output written) counts as built. */
function run(args: readonly string[]): void {
  const build = spawnSync(process.execPath, args, { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  if (build.status !== 0 && build.status !== 2) {
    throw new Error(
      `${path.basename(args[0] ?? '')} emitted nothing (exit ${String(build.status)}):\n${build.stdout}${build.stderr}`,
    );
  }
}

/**
 * Runs `work` holding dist/'s lock file, so test files in parallel Jest workers do not write dist/
 * at once, or under a process another one has just started from it. A lock left by a process that
 * is gone is taken over.
 */
function withLock(work: () => void): void {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder();
      if (holder === undefined) continue;
      if (holder !== 0 && !isAlive(holder)) {
        rmSync(LOCK, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${LOCK} is held by process ${holder}, still building`);
      // Synchronous, as tsc itself is here: another worker is building; look again shortly.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/** The process holding the lock: undefined once it is released, 0 while its holder is writing its id. */
function lockHolder(): number | undefined {
  try {
    return Number(readFileSync(LOCK, 'utf8'));
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid < 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
