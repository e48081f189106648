/**
 * Regression: an answer sent before a large request body had arrived was followed by a close that
 * reset the connection (TCP RST), so a client still sending its body could lose the answer
 * (ECONNRESET, EPIPE). Each case sends headers with a large body and keeps streaming it, one chunk
 * per turn of the event loop, until it sees the server's FIN; the answer must arrive whole and the
 * connection end with that FIN, on every try.
 */
import http from 'node:http';
import net from 'node:net';
import { createApp } from '../app';
import { silentLogger } from '../logger';
import { parseCommandLine } from '../server/config';
import { startServer } from '../server/server';
import { basic } from '../test-support/http';
import { serveOnLoopback } from '../../support/loopback';

const MiB = 1024 * 1024;
/** Enough tries that a close racing the client shows up (it did on about one try in three). */
const TRIES = 30;
const CHUNK = Buffer.alloc(16 * 1024, 'x');
/** What a client writes with its headers, before the server can have answered. */
const FIRST_WINDOW = 256 * 1024;
/** The streamed body stops here: a server that never closes fails the test instead of hanging it. */
const MAX_STREAMED = 16 * MiB;
/** A silent connection this long after the client stopped sending is one the server never closed. */
const HANG_MS = 3000;

interface Streamed {
  readonly head: string;
  /** Bytes of body sent: `Infinity` for a chunked body that never ends (up to MAX_STREAMED). */
  readonly length: number;
}

/** What a try saw: the answer's status, whether it arrived whole, and how the connection ended. */
interface Outcome {
  readonly status: number;
  readonly whole: boolean;
  readonly end: string;
}

function post(target: string, framing: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `POST ${target} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${lines.join('')}${framing}\r\n\r\n`;
}

/** Sends `request` and streams its body until the server half-closes, then closes its side. */
function streamUntilClosed(url: string, request: Streamed): Promise<Outcome> {
  const { hostname, port } = new URL(url);
  const chunked = request.length === Infinity;
  const frame = (data: Buffer): Buffer =>
    chunked
      ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')])
      : data;
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port), allowHalfOpen: true });
    const received: Buffer[] = [];
    let sent = 0;
    let fin = false;
    let failure: string | undefined;
    const pump = (): void => {
      const left = Math.min(request.length, MAX_STREAMED) - sent;
      if (fin || socket.destroyed || left <= 0) return;
      const data = CHUNK.subarray(0, Math.min(left, CHUNK.length));
      sent += data.length;
      socket.write(frame(data));
      setImmediate(pump);
    };
    socket.once('connect', () => {
      const first = Buffer.alloc(Math.min(FIRST_WINDOW, request.length), 'x');
      sent = first.length;
      socket.write(Buffer.concat([Buffer.from(request.head), frame(first)]));
      setImmediate(pump);
    });
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.once('end', () => {
      fin = true;
      socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= error.code ?? error.message;
    });
    socket.setTimeout(HANG_MS, () => {
      failure ??= `no close within ${HANG_MS} ms of silence`;
      socket.destroy();
    });
    socket.once('close', () => {
      resolve({ ...readAnswer(Buffer.concat(received)), end: failure ?? (fin ? 'FIN' : 'no FIN') });
    });
  });
}

/** The status of a raw answer, and whether its body arrived whole (Content-Length bytes of a problem). */
function readAnswer(raw: Buffer): { status: number; whole: boolean } {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1] ?? 0);
  const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? -1);
  const body = split === -1 ? '' : text.slice(split + 4);
  let problemStatus: unknown;
  try {
    problemStatus = (JSON.parse(body) as { status?: unknown }).status;
  } catch {
    problemStatus = undefined;
  }
  return { status, whole: body.length === length && problemStatus === status };
}

/** Runs the tries one after another; the first one that goes wrong ends the run, so it reads as the failure. */
async function tries(url: string, request: Streamed): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < TRIES; i++) {
    const outcome = await streamUntilClosed(url, request);
    outcomes.push(outcome);
    if (!outcome.whole || outcome.end !== 'FIN') break;
  }
  return outcomes;
}

const alice = basic('alice');
const ENROLL = '/v1/me/mfa-enrollment';

describe('an answer sent before a large request body has arrived is followed by a close that resets the connection', () => {
  let app: Awaited<ReturnType<typeof serveOnLoopback>>;
  beforeAll(async () => {
    app = await serveOnLoopback(createApp({ seed: 'linger' }));
  });
  afterAll(() => app.close());

  it.each([
    {
      answer: 'a 401 for missing credentials',
      request: { head: post(ENROLL, `Content-Length: ${10 * MiB}`), length: 10 * MiB },
      status: 401,
    },
    {
      answer: 'a 401 for missing credentials to a chunked body that never ends',
      request: { head: post(ENROLL, 'Transfer-Encoding: chunked'), length: Infinity },
      status: 401,
    },
    {
      answer: 'a 413 for a body announced over the limit',
      request: { head: post(ENROLL, `Content-Length: ${2 * MiB}`, alice), length: 2 * MiB },
      status: 413,
    },
    {
      answer: 'a 413 for a chunked body that grows over the limit',
      request: { head: post(ENROLL, 'Transfer-Encoding: chunked', alice), length: Infinity },
      status: 413,
    },
    {
      answer: "a 413 for a body over the admin API's limit",
      request: { head: post('/__admin/scenarios', `Content-Length: ${MiB / 2}`), length: MiB / 2 },
      status: 413,
    },
  ])('no longer: the client reads all of $answer, then a clean close', async ({ request, status }) => {
    const outcomes = await tries(app.url, request);
    expect(outcomes.at(-1)).toEqual({ status, whole: true, end: 'FIN' });
    expect(outcomes).toHaveLength(TRIES);
  });
});

describe('a body the mock answered before reading', () => {
  it('is read and dropped, keeping the connection, when the rest arrives within the limits', async () => {
    const server = await serveOnLoopback(createApp({ seed: 'linger' }));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.request(`${server.url}${path}`, { method, agent }, (res) => {
          res.resume().once('end', () => {
            resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket });
          });
        });
        req.once('error', reject).end(body);
      });
    try {
      expect(await send('POST', ENROLL, Buffer.alloc(MiB / 2, 'x'))).toEqual({ status: 401, reused: false });
      expect(await send('GET', '/__admin/health')).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
      await server.close();
    }
  });
});

describe("the server's own answer to a request it cannot parse", () => {
  it('reaches a client that keeps sending, and ends with a clean close', async () => {
    const parsed = parseCommandLine(['--port', '0'], {});
    if (parsed.kind !== 'run') throw new Error(`unexpected command line: ${parsed.kind}`);
    const server = await startServer(parsed.config, silentLogger);
    try {
      const outcomes = await tries(server.url, { head: 'HELLO THERE\r\n\r\n', length: 10 * MiB });
      expect(outcomes.at(-1)).toEqual({ status: 400, whole: true, end: 'FIN' });
      expect(outcomes).toHaveLength(TRIES);
    } finally {
      await server.close();
    }
  });
});
