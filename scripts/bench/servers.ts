import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PACKAGE_ROOT, SPEC_PATH } from '../../spec/document';
import { freePort } from '../../support/processes';
import { prismBin } from '../lib/prism';
import { startNodeFlags } from './start-command';

export interface BenchServer {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the first 200 answer of the enrollment endpoint. */
  readonly firstOkMs: number;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export const ENROLL_PATH = '/v1/me/mfa-enrollment';
export const BASIC = `Basic ${Buffer.from('bench-user:bench-password').toString('base64')}`;

const dist = (file: string): string => path.join(PACKAGE_ROOT, 'dist', file);

/** How each contender is started: the kit's mock exactly as `npm start` runs it, logging included. */
export const CONTENDERS: Readonly<Record<string, (port: number) => readonly string[]>> = {
  mock: (port) => [
    ...startNodeFlags(),
    dist('mock/server/cli.js'),
    '--port',
    String(port),
    '--seed',
    'bench',
    '--log-format',
    'json',
  ],
  express: (port) => [dist('scripts/bench/bare-express.js'), String(port)],
  'node:http': (port) => [dist('scripts/bench/bare-http.js'), String(port)],
  prism: (port) => [prismBin(), 'mock', SPEC_PATH, '--port', String(port), '--host', '127.0.0.1'],
};

export async function startBenchServer(
  name: string,
  extraArgs: readonly string[] = [],
): Promise<BenchServer> {
  const args = CONTENDERS[name];
  if (!args) throw new Error(`Unknown contender ${name}`);
  const port = await freePort();
  const spawnedAt = performance.now();
  // Output goes to /dev/null: the contenders still format and write every log line.
  const child = spawn(process.execPath, [...args(port), ...extraArgs], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const firstOkMs = (await firstOk(url, child)) - spawnedAt;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  return {
    name,
    url,
    child,
    firstOkMs,
    peakRssMb: () => peakRss(child.pid),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls the enrollment endpoint until it answers 200; resolves with the time it did. */
async function firstOk(url: string, child: ChildProcess): Promise<number> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    if ((await post(`${url}${ENROLL_PATH}?isInteractive=true`)) === 200) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`${url}: no 200 within 30 s`);
}

/** One POST on a connection of its own (fetch's pool would outlive the server), resolving with the status. */
function post(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { Authorization: BASIC } },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode);
        });
      },
    );
    req.on('error', () => {
      resolve(undefined);
    });
    req.end();
  });
}

/** VmHWM: the peak resident set size the kernel recorded for the process. */
export function peakRss(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
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
