import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { PACKAGE_ROOT } from '../../spec/document';

export interface MockProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process has printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** Stops the process and everything it started. */
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Starts the mock as a user would, in its own process group, and resolves once it prints the URL
 * it listens on. `command` is `npm start` (the README's command) or the built CLI.
 */
export function startMockProcess(
  args: readonly string[],
  {
    command = 'cli',
    env = {},
    timeoutMs = 60_000,
  }: { command?: 'npm-start' | 'cli'; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<MockProcess> {
  const [file, argv] =
    command === 'npm-start'
      ? ['npm', ['start', '--silent', '--', ...args]]
      : [process.execPath, ['dist/mock/cli.js', ...args]];
  const child = spawn(file, argv, {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NEXUS_MOCK_LOG_FORMAT: 'json', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal);
    });
  });
  const kill = (signal: NodeJS.Signals = 'SIGKILL'): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`The mock did not start within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    const onData = (): void => {
      const match = /Nexus mock listening on (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({ url: match[1], child, output: () => output, exited, kill });
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The mock exited (${String(code)}) before listening. Output:\n${output}`));
    });
  });
}

/** Sends raw bytes over a new connection and collects what comes back until the server closes it. */
export function rawExchange(
  url: string,
  payload: string | Buffer,
  timeoutMs = 5000,
): Promise<{ text: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(payload));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('close', () => {
      resolve({ text, closedAfterMs: Date.now() - started });
    });
    socket.on('error', () => undefined);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`No close within ${timeoutMs} ms; received: ${text}`));
    });
  });
}

/** The status and parsed JSON body of a raw HTTP/1.1 response. */
export function parseRawResponse(text: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    headers: head,
    body: body ? (JSON.parse(body) as unknown) : undefined,
  };
}
