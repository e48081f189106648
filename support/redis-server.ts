import { connect } from 'node:net';
import { freePort, startAndWait, type Started } from './processes';

/** Debian's package puts it here; `.ci/run` installs it when it is missing. */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisServer {
  /** `redis://127.0.0.1:PORT`: what `--store` takes. */
  readonly url: string;
  readonly port: number;
  readonly process: Started;
  /** Kills the server (SIGKILL: nothing is saved anyway) and resolves once it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts a throwaway `redis-server` on a free loopback port, without persistence, and resolves once
 * it answers PING. For tests and benchmarks: a real Redis, never a shared one. A port taken between
 * `freePort()` and Redis binding it is retried on another one.
 */
export async function startRedis(port?: number): Promise<RedisServer> {
  for (let attempt = 1; ; attempt++) {
    const chosen = port ?? (await freePort());
    try {
      return await startOn(chosen);
    } catch (error) {
      if (port !== undefined || attempt >= 5 || !/Address already in use/i.test(String(error))) throw error;
    }
  }
}

async function startOn(port: number): Promise<RedisServer> {
  const started = await startAndWait(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
    ],
    /Ready to accept connections/,
    { timeoutMs: 15_000 },
  ).catch((error: unknown) => {
    throw new Error(`cannot start ${REDIS_SERVER}: ${(error as Error).message}`);
  });
  await waitForPong(port, started);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: started,
    kill: async () => {
      started.kill('SIGKILL');
      await started.exited;
    },
  };
}

/** Sends PING until Redis answers PONG: at most 100 tries, each waiting for an answer or a refusal. */
async function waitForPong(port: number, started: Started): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (started.child.exitCode !== null) throw new Error(`redis-server exited:\n${started.output()}`);
    if (await pings(port)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await started.stop();
  throw new Error(`redis-server on port ${port} never answered PING:\n${started.output()}`);
}

/** One PING over a fresh connection: true on `+PONG`. */
export function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => {
      done(false);
    });
    socket.once('error', () => {
      done(false);
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
