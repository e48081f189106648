import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { PACKAGE_ROOT } from '../../spec/document';
import { openEvents } from '../test-support/event-stream';
import { expectConformant } from '../test-support/http';
import {
  openRawConnection,
  parseRawResponse,
  rawExchange,
  startMockProcess,
  type MockProcess,
} from '../test-support/process';
import { BUILD_TIMEOUT_MS, buildDist } from '../../support/build';

// Most of these tests run dist/ (the built CLI, as a user runs it): build it first, so they never
// judge a stale copy.
beforeAll(buildDist, BUILD_TIMEOUT_MS);

const basicAlice = `Basic ${Buffer.from('alice:secret').toString('base64')}`;

async function enrollOver(mock: MockProcess, query: string): Promise<Response> {
  const url = `/v1/me/mfa-enrollment${query}`;
  const res = await fetch(`${mock.url}${url}`, { method: 'POST', headers: { Authorization: basicAlice } });
  const text = await res.clone().text();
  expectConformant({
    method: 'POST',
    url,
    status: res.status,
    headers: Object.fromEntries(res.headers),
    text,
  });
  return res;
}

describe('npm start', () => {
  let mock: MockProcess | undefined;
  afterAll(() => {
    mock?.kill();
  });

  it('builds, listens on the port it is given and prints the URL', async () => {
    mock = await startMockProcess(['--port', '0', '--seed', 'npm-start'], {
      command: 'npm-start',
      timeoutMs: 120_000,
    });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await enrollOver(mock, '?isInteractive=true');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ticketUrl: string };
    expect(body.ticketUrl.startsWith(`${mock.url}/enrollment/`)).toBe(true);
    const page = await fetch(body.ticketUrl);
    expect(await page.text()).toContain('Complete enrollment');
  }, 150_000);
});

/** The options the README and a user's first runs need, each a flag and an environment variable. */
const USER_OPTIONS = [
  ['--port', 'NEXUS_MOCK_PORT'],
  ['--host', 'NEXUS_MOCK_HOST'],
  ['--seed', 'NEXUS_MOCK_SEED'],
  ['--spec', 'NEXUS_MOCK_SPEC'],
  ['--latency', 'NEXUS_MOCK_LATENCY'],
  ['--scenarios', 'NEXUS_MOCK_SCENARIOS'],
  ['--ticket-ttl', 'NEXUS_MOCK_TICKET_TTL'],
  ['--public-url', 'NEXUS_MOCK_PUBLIC_URL'],
  ['--cors-origin', 'NEXUS_MOCK_CORS_ORIGIN'],
  ['--log-level', 'NEXUS_MOCK_LOG_LEVEL'],
  ['--log-format', 'NEXUS_MOCK_LOG_FORMAT'],
] as const;

describe('the nexus-mock process', () => {
  it('names in --help each flag a user needs, with its environment variable, and exits 0', () => {
    const run = spawnSync(process.execPath, ['dist/mock/server/cli.js', '--help'], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const documented = (flag: string, env: string): boolean =>
      new RegExp(`^  ${flag} \\S+\\n.*\\n      env ${env}, default `, 'm').test(run.stdout);
    const missing = USER_OPTIONS.filter(([flag, env]) => !documented(flag, env));
    expect(missing).toEqual([]);
    // The kit's own document, named as a user finds it, not by this machine's absolute path.
    expect(run.stdout).toContain('env NEXUS_MOCK_SPEC, default spec/nexus.openapi.yaml\n');
    expect(run.stdout).toMatch(/^ {2}-h, --help /m);
  });

  it('refuses an unknown flag with exit code 2 and a hint', () => {
    const run = spawnSync(process.execPath, ['dist/mock/server/cli.js', '--prot', '1'], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--help');
  });

  it('takes its port and seed from the environment', async () => {
    const mock = await startMockProcess([], { env: { NEXUS_MOCK_PORT: '0', NEXUS_MOCK_SEED: 'from-env' } });
    try {
      const health = (await (await fetch(`${mock.url}/__admin/health`)).json()) as { seed: string };
      expect(health.seed).toBe('from-env');
    } finally {
      mock.kill();
    }
  });

  it('refuses an invalid scenario catalogue with exit code 2, naming the entry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ scenarios: [{ name: 'x', description: 'x', scenario: { fault: 'meteor' } }] }),
    );
    const run = spawnSync(process.execPath, ['dist/mock/server/cli.js', '--port', '0', '--scenarios', file], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'scenarios[0] (x): fault must be one of: connection-reset, empty-response, malformed-body',
    );
  });

  it('says clearly when its port is taken', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    const run = spawnSync(process.execPath, ['dist/mock/server/cli.js', '--port', String(port)], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
    });
    blocker.close();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`port ${port} is in use`);
  });
});

describe('protocol-level errors', () => {
  let mock: MockProcess;
  beforeAll(async () => {
    mock = await startMockProcess(['--port', '0', '--headers-timeout', '600ms', '--max-header-size', '4096']);
  });
  afterAll(() => {
    mock.kill();
  });

  it('answers a malformed request line with a 400 problem and stays up', async () => {
    const { text } = await rawExchange(mock.url, 'HELLO THERE\r\n\r\n');
    expect(parseRawResponse(text)).toMatchObject({
      status: 400,
      body: { status: 400, code: 'malformed-request' },
    });
    expect(text).toContain('Content-Type: application/problem+json');
    expect((await fetch(`${mock.url}/__admin/health`)).status).toBe(200);
  });

  it('answers headers over the limit with a 431 problem and stays up', async () => {
    const { text } = await rawExchange(
      mock.url,
      `GET /__admin/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`,
    );
    expect(parseRawResponse(text)).toMatchObject({
      status: 431,
      body: { status: 431, code: 'header-fields-too-large' },
    });
    expect((await fetch(`${mock.url}/__admin/health`)).status).toBe(200);
  });

  it('answers an Expect it does not support with a 417 problem', async () => {
    const { text } = await rawExchange(
      mock.url,
      'POST /v1/me/mfa-enrollment HTTP/1.1\r\nHost: localhost\r\nExpect: teapot\r\nContent-Length: 0\r\n\r\n',
    );
    expect(parseRawResponse(text)).toMatchObject({
      status: 417,
      body: { status: 417, code: 'expectation-failed' },
    });
  });

  it('routes an absolute-form request target (RFC 9112) like its path', async () => {
    const { port } = new URL(mock.url);
    const { text } = await rawExchange(
      mock.url,
      `POST http://127.0.0.1:${port}/v1/me/mfa-enrollment?isInteractive=true HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    expect(parseRawResponse(text)).toMatchObject({
      status: 401,
      body: { instance: '/v1/me/mfa-enrollment' },
    });
  });

  it('answers 408 and disconnects a client that sends its headers one byte at a time', async () => {
    const { hostname, port } = new URL(mock.url);
    const socket = net.connect(Number(port), hostname);
    const request = 'GET /__admin/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' + 'a'.repeat(200);
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed && i < request.length) socket.write(request[i++] ?? '');
    }, 50);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(drip);
    // Sending it all takes over 10 s: cut off before that, by the 600 ms headers timeout.
    expect(i).toBeLessThan(request.length);
    expect(parseRawResponse(received)).toMatchObject({ status: 408, body: { code: 'request-timeout' } });
  });
});

describe('shutting down', () => {
  /** A health check, pipelined with what follows: once it is answered, the server has read the rest too. */
  const HEALTH = 'GET /__admin/health HTTP/1.1\r\nHost: localhost\r\n\r\n';
  /** The pretty log line is written as it happens (JSON lines are buffered until exit). */
  const PRETTY = { env: { NEXUS_MOCK_LOG_FORMAT: 'pretty' } };
  const SHUTTING_DOWN = /INFO +shutting down/;

  // Regression: a request whose answer is written at once (a 401) arriving during shutdown made the
  // Connection: close header throw ERR_HTTP_HEADERS_SENT, and the process exit 1.
  it('answers a request that was half sent at SIGTERM, and still exits 0', async () => {
    const mock = await startMockProcess(['--port', '0'], PRETTY);
    const connection = await openRawConnection(mock.url);
    // The half request keeps its connection busy, not idle, so the shutdown waits for its answer.
    connection.write(`${HEALTH}POST /v1/me/mfa-enrollment HTTP/1.1\r\nHost: localhost\r\n`);
    await connection.answers(1);
    mock.child.kill('SIGTERM');
    await mock.outputMatching(SHUTTING_DOWN);
    connection.write('Content-Length: 0\r\n\r\n');
    const [, answer = ''] = await connection.answers(2);
    expect(parseRawResponse(answer)).toMatchObject({ status: 401 });
    expect(answer).toContain('Connection: close');
    await connection.closed;
    expect(await mock.exited).toBe(0);
  });

  it('finishes an in-flight request on SIGTERM, refuses new connections, and exits 0 once it is answered', async () => {
    // A grace period far beyond the test's timeout: an exit that waited for it fails the test.
    const mock = await startMockProcess(
      ['--port', '0', '--latency', '800', '--shutdown-timeout', '1h'],
      PRETTY,
    );
    const connection = await openRawConnection(mock.url);
    const enrollment = `POST /v1/me/mfa-enrollment?isInteractive=true HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basicAlice}\r\nContent-Length: 0\r\n\r\n`;
    // The latency holds the enrollment's answer, not the health check's: it is in flight at SIGTERM.
    connection.write(`${HEALTH}${enrollment}`);
    await connection.answers(1);
    mock.child.kill('SIGTERM');
    await mock.outputMatching(SHUTTING_DOWN);
    await expect(fetch(`${mock.url}/__admin/health`)).rejects.toThrow();
    const [, answer = ''] = await connection.answers(2);
    expect(parseRawResponse(answer)).toMatchObject({ status: 200, body: { emailSent: false } });
    expect(await mock.exited).toBe(0);
  }, 30_000);

  it("ends the console's event streams on SIGTERM, and exits 0 without waiting for the grace period", async () => {
    // A grace period far beyond the test's timeout: an exit that waited for the open stream fails the test.
    const mock = await startMockProcess(['--port', '0', '--shutdown-timeout', '1h']);
    const stream = await openEvents(`${mock.url}/__admin/events`);
    mock.child.kill('SIGTERM');
    await stream.ended;
    expect(await mock.exited).toBe(0);
  }, 30_000);

  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 on %s and refuses new connections', async (signal) => {
    const mock = await startMockProcess(['--port', '0']);
    expect((await fetch(`${mock.url}/__admin/health`)).status).toBe(200);
    mock.child.kill(signal);
    expect(await mock.exited).toBe(0);
    await expect(fetch(`${mock.url}/__admin/health`)).rejects.toThrow();
    expect(mock.output()).toContain('"msg":"stopped"');
  });
});
