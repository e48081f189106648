import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';
import { startAndWait, type Started } from '../../support/processes';
import { firstOk, type Probe } from '../bench/probe';
import { startNodeFlags } from '../bench/start-command';

/** The mock serving one document, as `npm start -- --spec FILE` runs it, or why it did not start. */
export type MockStart =
  | { readonly started: true; readonly url: string; readonly firstOkMs: number; readonly process: Started }
  | { readonly started: false; readonly line: string };

/** Every mock still running, so that a run cut short (Ctrl-C, a crash) stops them all. */
const running = new Set<Started>();

const HEALTH: Probe = { method: 'GET', path: '/__admin/health', headers: {} };

/**
 * Spawns the built CLI on `file` (port 0, read back from its "listening on" line) and times it from
 * spawn to the first 200 of `ready` (by default `GET /__admin/health`, which every document's mock
 * answers). A mock that exits instead is described by its first line of output
 * (`exit 2: nexus-mock: FILE: ...`).
 */
export function startMock(file: string, timeoutMs: number, ready: Probe = HEALTH): Promise<MockStart> {
  const cli = path.join(PACKAGE_ROOT, 'dist/mock/server/cli.js');
  const args = [
    ...startNodeFlags(),
    cli,
    '--spec',
    file,
    '--port',
    '0',
    '--seed',
    'corpus',
    '--log-level',
    'warn',
  ];
  return startTimed(args, /listening on (http:\/\/\S+)/, ready, timeoutMs);
}

/** Spawns `node ARGS`, waits for `listening` (its first group is the URL), and times spawn to the first 200 of `ready`. */
export async function startTimed(
  args: readonly string[],
  listening: RegExp,
  ready: Probe,
  timeoutMs: number,
): Promise<MockStart> {
  const spawnedAt = performance.now();
  let started;
  try {
    started = await startAndWait(process.execPath, args, listening, { timeoutMs });
  } catch (error) {
    return { started: false, line: refusal((error as Error).message) };
  }
  running.add(started);
  const url = started.match[1] ?? '';
  try {
    const at = await firstOk(url, started.child, ready, timeoutMs);
    return { started: true, url, firstOkMs: at - spawnedAt, process: started };
  } catch (error) {
    await stopMock(started);
    return { started: false, line: `listening, but ${(error as Error).message}` };
  }
}

export async function stopMock(started: Started): Promise<void> {
  await started.stop();
  running.delete(started);
}

/** Stops every mock still running; for signal handlers and `finally` blocks. */
export async function stopAllMocks(): Promise<void> {
  await Promise.all([...running].map(stopMock));
}

/** `node exited (2) before it was ready:\nnexus-mock: ...` → `exit 2: nexus-mock: ...` */
function refusal(message: string): string {
  const [head = '', ...output] = message.split('\n');
  const code = /exited \((\w+)\)/.exec(head)?.[1];
  const line = output.find((l) => l.trim() !== '') ?? '';
  if (code !== undefined) return `exit ${code}: ${line}`.trim();
  return `${head.replace(/^\S+ /, '')}${line === '' ? '' : `: ${line}`}`;
}
