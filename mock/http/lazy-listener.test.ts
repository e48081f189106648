import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import request from 'supertest';
import { lazyListener } from './lazy-listener';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const hello: Listener = (_req, res) => {
  res.end('hello');
};

/** A load that resolves only when the test says so, counting its calls. */
function deferredLoad(): { load: () => Promise<Listener>; calls: () => number; finish: () => void } {
  let calls = 0;
  let finish: () => void = () => undefined;
  const loaded = new Promise<Listener>((resolve) => {
    finish = () => {
      resolve(hello);
    };
  });
  return {
    load: () => {
      calls++;
      return loaded;
    },
    calls: () => calls,
    finish: () => {
      finish();
    },
  };
}

describe('lazyListener', () => {
  it('loads nothing until the first request', () => {
    const deferred = deferredLoad();
    lazyListener(deferred.load, () => undefined);
    expect(deferred.calls()).toBe(0);
  });

  it('loads once for requests that come while it loads, and answers each of them', async () => {
    const deferred = deferredLoad();
    const server = http.createServer(lazyListener(deferred.load, () => undefined));
    let arrived = 0;
    const bothArrived = new Promise<void>((resolve) => {
      server.on('request', () => {
        if (++arrived === 2) resolve();
      });
    });
    const answers = Promise.all([request(server).get('/a'), request(server).get('/b')]);
    await bothArrived;
    deferred.finish();
    expect((await answers).map((res) => res.text)).toEqual(['hello', 'hello']);
    expect((await request(server).get('/c')).text).toBe('hello');
    expect(deferred.calls()).toBe(1);
  });

  it('answers a failed load with onError, and loads again on the next request', async () => {
    let attempts = 0;
    const listener = lazyListener(
      () => (++attempts === 1 ? Promise.reject(new Error('missing module')) : Promise.resolve(hello)),
      (error, res) => {
        res.statusCode = 500;
        res.end((error as Error).message);
      },
    );
    const first = await request(listener).get('/');
    expect([first.status, first.text]).toEqual([500, 'missing module']);
    const second = await request(listener).get('/');
    expect([second.status, second.text]).toEqual([200, 'hello']);
    expect(attempts).toBe(2);
  });
});
