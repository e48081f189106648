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

/** The status and parsed JSON body of a raw HTTP/1.1 response. */
export function parseRawResponse(text: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    headers: head,
    body: body ? (JSON.parse(body) as unknown) : undefined,
  };
}
