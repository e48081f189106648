import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT, SPEC_PATH } from '../../spec/document';
import { freePort } from '../../support/processes';
import { prismBin } from '../lib/prism';
import { PETS_REQUEST, PETS_SPEC } from './pets';
import { firstOk, type Probe } from './probe';
import { startNodeFlags } from './start-command';

export interface BenchServer {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the first 200 answer of the contender's probe request. */
  readonly firstOkMs: number;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export const ENROLL_PATH = '/v1/me/mfa-enrollment';
export const BASIC = `Basic ${Buffer.from('bench-user:bench-password').toString('base64')}`;
export const ENROLL_REQUEST: Probe = {
  method: 'POST',
  path: `${ENROLL_PATH}?isInteractive=true`,
  headers: { authorization: BASIC },
};

const dist = (file: string): string => path.join(PACKAGE_ROOT, 'dist', file);

/** The kit's mock exactly as `npm start` runs it (its Node.js flags, default logging), on `port`. */
export function mockCommand(port: number, ...extra: string[]): string[] {
  return [...startNodeFlags(), dist('mock/server/cli.js'), '--port', String(port), ...extra];
}

interface Contender {
  readonly args: (port: number) => readonly string[];
  /** What the server must answer 200 to before it counts as started. */
  readonly ready: Probe;
}

/** How each contender is started. The mock logs as it does by default (to /dev/null here). */
export const CONTENDERS: Readonly<Record<string, Contender>> = {
  mock: { args: (port) => mockCommand(port, '--seed', 'bench'), ready: ENROLL_REQUEST },
  // The same mock; `npm run bench -- --store redis` adds `--store redis://...` to its arguments.
  'mock:redis': { args: (port) => mockCommand(port, '--seed', 'bench'), ready: ENROLL_REQUEST },
  express: { args: (port) => [dist('scripts/bench/bare-express.js'), String(port)], ready: ENROLL_REQUEST },
  'node:http': { args: (port) => [dist('scripts/bench/bare-http.js'), String(port)], ready: ENROLL_REQUEST },
  prism: {
    args: (port) => [prismBin(), 'mock', SPEC_PATH, '--port', String(port), '--host', '127.0.0.1'],
    ready: ENROLL_REQUEST,
  },
  'mock:pets': {
    args: (port) => mockCommand(port, '--seed', 'bench', '--spec', PETS_SPEC),
    ready: PETS_REQUEST,
  },
  'express:pets': {
    args: (port) => [dist('scripts/bench/bare-express-pets.js'), String(port)],
    ready: PETS_REQUEST,
  },
};

export async function startBenchServer(
  name: string,
  extraArgs: readonly string[] = [],
): Promise<BenchServer> {
  const contender = CONTENDERS[name];
  if (!contender) throw new Error(`Unknown contender ${name}`);
  const port = await freePort();
  const spawnedAt = performance.now();
  // Output goes to /dev/null: the contenders still format and write every log line.
  const child = spawn(process.execPath, [...contender.args(port), ...extraArgs], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  let firstOkMs: number;
  try {
    firstOkMs = (await firstOk(url, child, contender.ready)) - spawnedAt;
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, url, child, firstOkMs, peakRssMb: () => peakRss(child.pid), stop };
}

/** VmHWM: the peak resident set size the kernel recorded for the process. */
export function peakRss(pid: number | undefined): number {
  return procStatusMb(pid, 'VmHWM');
}

/** VmRSS: the resident set size of the process now. */
export function currentRss(pid: number | undefined): number {
  return procStatusMb(pid, 'VmRSS');
}

/** A memory figure of /proc/PID/status in MB; NaN when the process is gone. */
function procStatusMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  if (pid === undefined) return NaN;
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return NaN; // gone
  }
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
  return kb === undefined ? NaN : Number(kb) / 1024;
}

/**
 * The n-th request of a run with many users: each names another user (round-robin over `users`)
 * and the two modes alternate. Bearer (with the application token) or Basic, as the run chooses.
 */
export function nthEnrollment(
  n: number,
  users: number,
  scheme: 'bearer' | 'basic',
): { path: string; headers: Record<string, string> } {
  const user = `user-${n % users}`;
  return {
    path: `${ENROLL_PATH}?isInteractive=${n % 2 === 0 ? 'true' : 'false'}`,
    headers:
      scheme === 'bearer'
        ? { authorization: `Bearer ${user}`, 'x-application-token': 'bench-app' }
        : { authorization: `Basic ${Buffer.from(`${user}:pw`).toString('base64')}` },
  };
}
