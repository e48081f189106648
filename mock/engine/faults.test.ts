import net from 'node:net';
import request from 'supertest';
import { ManualClock } from '../clock';
import { createApp, type AppOptions } from '../app';
import { delayFor } from './latency';
import { createRandom } from '../random';
import { basic } from '../test-support/http';
import { serveOnLoopback } from '../../support/loopback';

const alice = basic('alice');
const ENROLL_PATH = '/v1/me/mfa-enrollment';
const ENROLL = `${ENROLL_PATH}?isInteractive=true`;

/** Sends one enrollment over a raw socket and reports every byte received and how the socket ended. */
function rawEnroll(url: string): Promise<{ text: string; ended: 'reset' | 'closed' }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `POST ${ENROLL} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: ${alice.Authorization ?? ''}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    });
    let text = '';
    let ended: 'reset' | 'closed' = 'closed';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') ended = 'reset';
    });
    socket.on('close', () => {
      resolve({ text, ended });
    });
    socket.setTimeout(5000, () => socket.destroy());
  });
}

async function withFault(fault: string, options: AppOptions = {}) {
  const app = createApp(options);
  await request(app).post('/__admin/scenarios').send({ fault });
  const server = await serveOnLoopback(app);
  try {
    return { ...(await rawEnroll(server.url)), app };
  } finally {
    await server.close();
  }
}

describe('faults, seen by a real socket client', () => {
  it('resets the connection before any byte with connection-reset', async () => {
    const { text, ended } = await withFault('connection-reset');
    expect(ended).toBe('reset');
    expect(text).toBe('');
  });

  it('closes the connection without an answer with empty-response', async () => {
    const { text, ended } = await withFault('empty-response');
    expect(ended).toBe('closed');
    expect(text).toBe('');
  });

  it('sends a complete answer whose JSON is cut off with malformed-body', async () => {
    const { text } = await withFault('malformed-body');
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(head).toContain('Content-Type: application/json; charset=utf-8');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(body.startsWith('{"ticketId":')).toBe(true);
    expect(() => JSON.parse(body) as unknown).toThrow();
  });

  it('records a fault in the journal with no status', async () => {
    // The journal entry is written with the request's log line, once the server has seen the reset.
    let logged: () => void = () => undefined;
    const enrollmentLogged = new Promise<void>((resolve) => {
      logged = resolve;
    });
    const record = (fields: object, message: string): void => {
      if (message === 'request' && String((fields as { url?: unknown }).url).startsWith(ENROLL_PATH))
        logged();
    };
    const { app } = await withFault('connection-reset', {
      logger: { info: record, warn: record, error: record },
    });
    await enrollmentLogged;
    const { requests } = (await request(app).get('/__admin/requests')).body as {
      requests: Record<string, unknown>[];
    };
    expect(requests[0]).toMatchObject({
      status: null,
      decision: 'scenario:scn_1:connection-reset',
      scenario: 'scn_1',
    });
  });
});

describe('delays', () => {
  it('waits as long as a scenario with delayMs asks, then answers', async () => {
    const clock = new ManualClock();
    const app = createApp({ clock });
    await request(app).post('/__admin/scenarios').send({ delayMs: 300 });
    const res = await request(app).post(ENROLL).set(alice);
    expect(clock.slept).toEqual([300]);
    expect(res.status).toBe(200);
  });

  it('adds the global latency to every answer of the document, refused ones included', async () => {
    const clock = new ManualClock();
    const app = createApp({ clock, latency: { min: 250, max: 250 } });
    expect((await request(app).post(ENROLL).set(alice)).status).toBe(200);
    expect((await request(app).post(ENROLL)).status).toBe(401);
    expect(clock.slept).toEqual([250, 250]);
  });

  it('waits in real time with the system clock', async () => {
    const app = createApp({ latency: { min: 50, max: 50 } });
    const started = performance.now();
    await request(app).post(ENROLL).set(alice);
    // A lower bound only: a loaded machine may take longer, never shorter.
    expect(performance.now() - started).toBeGreaterThanOrEqual(49);
  });

  it('draws a random latency within its range, the same for the same seed', () => {
    const draw = (seed: string) =>
      Array.from({ length: 50 }, (_, i) =>
        delayFor({ min: 100, max: 200 }, createRandom(seed), `latency:default:${i}`),
      );
    const first = draw('s');
    expect(first.every((ms) => ms >= 100 && ms <= 200)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(10);
    expect(draw('s')).toEqual(first);
    expect(draw('t')).not.toEqual(first);
  });
});
