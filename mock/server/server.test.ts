import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { PACKAGE_ROOT } from '../../spec/document';
import { expectConformant } from '../test-support/http';
import { parseRawResponse, rawExchange, startMockProcess, type MockProcess } from '../test-support/process';

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

describe('the nexus-mock process', () => {
  it('documents every flag in --help and exits 0', () => {
    const run = spawnSync(process.execPath, ['dist/mock/server/cli.js', '--help'], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--ticket-ttl DURATION');
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
      `GET /__admin/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`,
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
      'POST /v1/me/mfa-enrollment HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 0\r\n\r\n',
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
      `POST http://127.0.0.1:${port}/v1/me/mfa-enrollment?isInteractive=true HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    expect(parseRawResponse(text)).toMatchObject({
      status: 401,
      body: { instance: '/v1/me/mfa-enrollment' },
    });
  });

  it('disconnects a client that sends its headers one byte at a time, within the headers timeout', async () => {
    const { hostname, port } = new URL(mock.url);
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    const request = 'GET /__admin/health HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200);
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
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(600 + 1500);
    expect(i).toBeLessThan(request.length);
    expect(parseRawResponse(received)).toMatchObject({ status: 408, body: { code: 'request-timeout' } });
  });
});

describe('shutting down', () => {
  // Regression: a request whose answer is written at once (a 401) arriving during shutdown made the
  // Connection: close header throw ERR_HTTP_HEADERS_SENT, and the process exit 1.
  it('answers a request that was half sent at SIGTERM, and still exits 0', async () => {
    const mock = await startMockProcess(['--port', '0']);
    const { hostname, port } = new URL(mock.url);
    const socket = net.connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /v1/me/mfa-enrollment HTTP/1.1\r\nHost: x\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    mock.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('Content-Length: 0\r\n\r\n');
    await closed;
    expect(parseRawResponse(received)).toMatchObject({ status: 401 });
    expect(received).toContain('Connection: close');
    expect(await mock.exited).toBe(0);
  });

  it('finishes an in-flight request on SIGTERM, refuses new connections, and exits 0 within 5 s', async () => {
    const mock = await startMockProcess(['--port', '0', '--latency', '800']);
    const inFlight = enrollOver(mock, '?isInteractive=true');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalledAt = Date.now();
    mock.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${mock.url}/__admin/health`)).rejects.toThrow();
    expect((await inFlight).status).toBe(200);
    expect(await mock.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5000);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 on %s and refuses new connections', async (signal) => {
    const mock = await startMockProcess(['--port', '0']);
    expect((await fetch(`${mock.url}/__admin/health`)).status).toBe(200);
    mock.child.kill(signal);
    expect(await mock.exited).toBe(0);
    await expect(fetch(`${mock.url}/__admin/health`)).rejects.toThrow();
    expect(mock.output()).toContain('"msg":"stopped"');
  });
});
