import http from 'node:http';
import net from 'node:net';
import { BASIC, ENROLL_PATH, startBenchServer } from '../bench/servers';

export interface ShutdownReport {
  /** Requests sent before the signal: every one must have been answered 200. */
  readonly inFlightAtSignal: number;
  readonly sentBeforeSignal: { readonly ok: number; readonly failed: readonly string[] };
  /** Requests sent after the signal: answered, refused or cut, all acceptable. */
  readonly sentAfterSignal: { readonly ok: number; readonly refused: number; readonly other: number };
  readonly newConnectionRefused: boolean;
  readonly exitCode: number | null;
  readonly exitMs: number;
}

/**
 * Loads a mock (with a latency, so requests are in flight), sends SIGTERM in the middle, and
 * reports what happened to each request, whether a new connection was refused, and how and when the
 * process exited.
 */
export async function shutdownUnderLoad({
  clients = 50,
  signalAfterMs = 1000,
  latency = '100-300',
} = {}): Promise<ShutdownReport> {
  const mock = await startBenchServer('mock', ['--latency', latency]);
  const { hostname, port } = new URL(mock.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  let signalled = false;
  let inFlight = 0;
  let inFlightAtSignal = 0;
  const before = { ok: 0, failed: [] as string[] };
  const after = { ok: 0, refused: 0, other: 0 };
  const exited = new Promise<number | null>((resolve) =>
    mock.child.once('exit', (code) => {
      resolve(code);
    }),
  );
  let running = true;

  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const sentBefore = !signalled;
      inFlight++;
      /** `ok`, or what went wrong (an error code, an unexpected status). */
      const done = (outcome: string): void => {
        inFlight--;
        if (sentBefore) {
          if (outcome === 'ok') before.ok++;
          else before.failed.push(outcome);
        } else if (outcome === 'ok') after.ok++;
        else if (outcome === 'ECONNREFUSED') after.refused++;
        else after.other++;
        resolve();
      };
      const req = http.request(
        {
          host: hostname,
          port,
          path: `${ENROLL_PATH}?isInteractive=true`,
          method: 'POST',
          agent,
          headers: { Authorization: BASIC },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            done(
              res.statusCode === 200 && body.includes('"ticketId"') ? 'ok' : `status ${res.statusCode ?? 0}`,
            );
          });
          res.on('error', (error: NodeJS.ErrnoException) => {
            done(error.code ?? error.message);
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        done(error.code ?? error.message);
      });
      req.end();
    });

  const loops = Array.from({ length: clients }, async () => {
    while (running) await once();
  });
  await new Promise((resolve) => setTimeout(resolve, signalAfterMs));
  inFlightAtSignal = inFlight;
  signalled = true;
  const signalledAt = performance.now();
  mock.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 150));
  const newConnectionRefused = await new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ECONNREFUSED');
    });
  });
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    deadline = setTimeout(() => {
      resolve(null);
    }, 10_000);
  });
  const exitCode = await Promise.race([exited, timedOut]);
  clearTimeout(deadline);
  const exitMs = performance.now() - signalledAt;
  running = false;
  await Promise.all(loops);
  agent.destroy();
  await mock.stop();
  return {
    inFlightAtSignal,
    sentBeforeSignal: before,
    sentAfterSignal: after,
    newConnectionRefused,
    exitCode,
    exitMs,
  };
}
