import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Started {
  readonly child: ChildProcess;
  /** Everything the process has printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once the output matches `pattern` (a log line, a prompt); rejects if the process ends first. */
  outputMatching(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or the signal) once the process has exited. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** Sends a signal to the process (to its whole group, when it was started detached). */
  kill(signal?: NodeJS.Signals): void;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and resolves when it is gone. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly timeoutMs?: number;
  /** In a process group of its own, so `kill` reaches what it starts too (`npm start` runs a shell). */
  readonly detached?: boolean;
}

/** Spawns a process and resolves once its output matches `ready`; rejects if it exits or times out first. */
export function startAndWait(
  command: string,
  args: readonly string[],
  ready: RegExp,
  options: StartOptions = {},
): Promise<Started & { match: RegExpExecArray }> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: options.detached === true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal);
    });
  });
  /** Run on every chunk of output; each resolves its promise once the output matches. */
  const watchers = new Set<() => void>();
  // 'close' comes after the last chunk of output, where 'exit' may not.
  const closed = new Promise<void>((resolve) => {
    child.once('close', () => {
      resolve();
    });
  });
  const outputMatching = (pattern: RegExp): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(output);
        if (!match) return;
        watchers.delete(check);
        resolve(match);
      };
      watchers.add(check);
      check();
      void closed.then(() => {
        if (watchers.delete(check))
          reject(new Error(`${command} ended before printing ${pattern}:\n${output}`));
      });
    });
  const kill = (signal: NodeJS.Signals = 'SIGTERM'): void => {
    try {
      if (options.detached === true && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone.
    }
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    kill('SIGTERM');
    const timer = setTimeout(() => {
      kill('SIGKILL');
    }, 3000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill('SIGKILL');
      reject(new Error(`${command} did not become ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      for (const check of watchers) check();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => output, outputMatching, exited, kill, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${String(code)}) before it was ready:\n${output}`));
    });
  });
}

/** A TCP port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Runs a command to completion with inherited output and resolves with its exit code. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    child.once('exit', (code, signal) => {
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export interface Ran {
  readonly code: number | null;
  readonly output: string;
}

/** Runs a command to completion, collecting what it prints (stdout and stderr, interleaved). */
export function runCollecting(
  command: string,
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<Ran> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => {
    // 'close' comes after the last chunk of output, where 'exit' may not.
    child.once('close', (code) => {
      resolve({ code, output });
    });
  });
}
