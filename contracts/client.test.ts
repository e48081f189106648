import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { STALLED_AFTER, ContractClient, retryDelay } from './client';
import { serveOnLoopback, type LoopbackServer } from '../support/loopback';

/** A server that answers from a script, one entry per request, and remembers what it was sent. */
async function scripted(answers: { status: number; headers?: Record<string, string> }[]) {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = await serveOnLoopback((req, res) => {
    seen.push(req.headers);
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)] ?? { status: 200 };
    res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers }).end('{}');
  });
  return { server, seen };
}

const options = { timeoutMs: 2000, maxRetries: 2, maxRequests: 10, maxRetryWaitMs: 5000 };
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe('ContractClient', () => {
  it('retries a 429 after its Retry-After, and a 503, up to NEXUS_MAX_RETRIES', async () => {
    const target = await scripted([
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 503, headers: { 'Retry-After': '0' } },
      { status: 200 },
    ]);
    server = target.server;
    const started = Date.now();
    const exchange = await new ContractClient(target.server.url, options).send({ method: 'GET', url: '/x' });
    expect(exchange.status).toBe(200);
    expect(target.seen).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('gives up after NEXUS_MAX_RETRIES and returns the last answer', async () => {
    const target = await scripted([{ status: 503, headers: { 'Retry-After': '0' } }]);
    server = target.server;
    const exchange = await new ContractClient(target.server.url, { ...options, maxRetries: 1 }).send({
      method: 'GET',
      url: '/x',
    });
    expect(exchange.status).toBe(503);
    expect(target.seen).toHaveLength(2);
  });

  it('does not wait for a Retry-After longer than NEXUS_MAX_RETRY_WAIT_MS', async () => {
    const target = await scripted([{ status: 429, headers: { 'Retry-After': '3600' } }, { status: 200 }]);
    server = target.server;
    const exchange = await new ContractClient(target.server.url, options).send({ method: 'GET', url: '/x' });
    expect(exchange.status).toBe(429);
    expect(target.seen).toHaveLength(1);
  });

  it('refuses to send more than NEXUS_MAX_REQUESTS, saying so', async () => {
    const target = await scripted([{ status: 200 }]);
    server = target.server;
    const client = new ContractClient(target.server.url, { ...options, maxRequests: 2 });
    await client.send({ method: 'GET', url: '/x' });
    await client.send({ method: 'GET', url: '/x' });
    await expect(client.send({ method: 'GET', url: '/x' })).rejects.toThrow('NEXUS_MAX_REQUESTS (2)');
    expect(client.requestsSent).toBe(2);
  });

  it('retries a POST on 429, and on 503 only with Retry-After: it may have been processed otherwise', async () => {
    const target = await scripted([{ status: 503 }, { status: 503 }, { status: 200 }]);
    server = target.server;
    const client = new ContractClient(target.server.url, options);
    expect((await client.send({ method: 'POST', url: '/x' })).status).toBe(503);
    expect(target.seen).toHaveLength(1);
    expect(client.retries).toBe(0);
    // The same answer to an idempotent request is retried.
    expect((await client.send({ method: 'DELETE', url: '/x' })).status).toBe(200);
    expect(client.retries).toBe(1);
  });

  it('retries a POST answered 429, and counts the retry', async () => {
    const target = await scripted([{ status: 429, headers: { 'Retry-After': '0' } }, { status: 201 }]);
    server = target.server;
    const client = new ContractClient(target.server.url, options);
    expect((await client.send({ method: 'POST', url: '/x', body: '{}' })).status).toBe(201);
    expect(client.retries).toBe(1);
  });

  it('hands the checks the answer exactly as sent, echoed credentials included (reports redact, not the client)', async () => {
    server = await serveOnLoopback((req, res) => {
      const secret = req.headers.authorization ?? '';
      res
        .writeHead(200, { 'Content-Type': 'text/plain', 'X-Echo': secret })
        .end(`you sent ${secret}`.repeat(50));
    });
    const client = new ContractClient(server.url, options);
    const exchange = await client.send({
      method: 'GET',
      url: '/x',
      headers: { Authorization: 'Bearer tok-123456789' },
    });
    expect(exchange.text).toBe('you sent Bearer tok-123456789'.repeat(50));
    expect(exchange.headers['x-echo']).toBe('Bearer tok-123456789');
  });

  it('reports a request that gets no answer within NEXUS_REQUEST_TIMEOUT_MS, and never retries it', async () => {
    let requests = 0;
    server = await serveOnLoopback(() => {
      requests++;
    });
    const client = new ContractClient(server.url, { ...options, timeoutMs: 200 });
    await expect(client.send({ method: 'GET', url: '/slow' })).rejects.toThrow(
      'GET /slow: no response headers within 200 ms (NEXUS_REQUEST_TIMEOUT_MS)',
    );
    expect(requests).toBe(1);
  });

  it(`stops sending once ${STALLED_AFTER} requests in a row ran out of time, naming the limit`, async () => {
    let requests = 0;
    server = await serveOnLoopback(() => {
      requests++;
    });
    const client = new ContractClient(server.url, { ...options, timeoutMs: 100 });
    for (let i = 0; i < STALLED_AFTER; i++)
      await expect(client.send({ method: 'GET', url: `/slow/${i}` })).rejects.toThrow('within 100 ms');
    await expect(client.send({ method: 'GET', url: '/next' })).rejects.toThrow(
      `GET /next: not sent: the last ${STALLED_AFTER} requests got no complete answer in time (no response headers within 100 ms (NEXUS_REQUEST_TIMEOUT_MS))`,
    );
    expect(requests).toBe(STALLED_AFTER);
  });

  it('reads a gzip answer, and cuts one larger than NEXUS_MAX_BODY_BYTES once decompressed', async () => {
    const big = gzipSync(Buffer.alloc(5000, 'a'));
    server = await serveOnLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' }).end(big);
    });
    expect((await new ContractClient(server.url, options).send({ method: 'GET', url: '/' })).text).toBe(
      'a'.repeat(5000),
    );
    const capped = new ContractClient(server.url, { ...options, maxBodyBytes: 4096 });
    await expect(capped.send({ method: 'GET', url: '/' })).rejects.toThrow(
      'GET /: the body is larger than 4096 bytes (NEXUS_MAX_BODY_BYTES)',
    );
  });
});

describe('retryDelay', () => {
  it.each([
    { as: 'seconds', header: () => '2', ms: 2000 },
    { as: 'an HTTP date', header: () => new Date(Date.now() + 60_000).toUTCString(), ms: 60_000 },
    { as: 'absent', header: () => undefined, ms: 250 },
  ])('reads Retry-After given as $as', ({ header, ms }) => {
    const value = header();
    const delay = retryDelay({ headers: value === undefined ? {} : { 'retry-after': value } }, 0);
    expect(delay).toBeGreaterThan(ms - 1500);
    expect(delay).toBeLessThanOrEqual(ms);
  });
});
