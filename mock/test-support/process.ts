import net from 'node:net';
import { startAndWait, type Started } from '../../support/processes';
import { PACKAGE_ROOT } from '../../spec/document';

export type MockProcess = Started & { readonly url: string };

/**
 * Starts the mock as a user would, in its own process group, and resolves once it prints the URL
 * it listens on. `command` is `npm start` (the README's command) or the built CLI.
 */
export async function startMockProcess(
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
      : [process.execPath, ['dist/mock/server/cli.js', ...args]];
  const started = await startAndWait(file, argv, /Nexus mock listening on (http:\/\/\S+)/, {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NEXUS_MOCK_LOG_FORMAT: 'json', ...env },
    detached: true,
    timeoutMs,
  });
  return { ...started, url: started.match[1] ?? '' };
}

/** Sends raw bytes over a new connection and collects what comes back until the server closes it. */
export function rawExchange(
  url: string,
  payload: string | Buffer,
  timeoutMs = 5000,
): Promise<{ text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(payload));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('close', () => {
      resolve({ text });
    });
    socket.on('error', () => undefined);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`No close within ${timeoutMs} ms; received: ${text}`));
    });
  });
}

/** A raw connection for requests sent in parts or pipelined, and the answers it has received. */
export interface RawConnection {
  write(text: string): void;
  /** Resolves with the first `count` answers once they have arrived whole (head and Content-Length body). */
  answers(count: number): Promise<string[]>;
  /** Resolves once the server has closed the connection. */
  readonly closed: Promise<void>;
}

export async function openRawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  let text = '';
  const watchers = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    for (const check of watchers) check();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => {
    socket.once('close', () => {
      for (const check of watchers) check();
      resolve();
    });
  });
  return {
    write: (payload) => socket.write(payload),
    answers: (count) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const whole = splitAnswers(text);
          if (whole.length >= count) {
            watchers.delete(check);
            resolve(whole.slice(0, count));
          } else if (socket.destroyed) {
            watchers.delete(check);
            reject(new Error(`The connection closed after ${whole.length} of ${count} answers: ${text}`));
          }
        };
        watchers.add(check);
        check();
      }),
    closed,
  };
}

/** The complete answers at the start of `text`, each with its Content-Length body. */
function splitAnswers(text: string): string[] {
  const answers: string[] = [];
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) return answers;
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(rest.slice(0, end))?.[1] ?? 0);
    const size = end + 4 + length;
    if (rest.length < size) return answers;
    answers.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
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
