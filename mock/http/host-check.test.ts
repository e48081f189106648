import request from 'supertest';
import { createApp, type AppOptions } from '../app';
import { basic, ENROLLMENT_PATH, problemOf } from '../test-support/http';
import { hostnameOf, isLoopback } from './host-check';

const alice = basic('alice');

/** A mock, and what it holds: a refused request must leave both unchanged. */
async function held(app: ReturnType<typeof createApp>) {
  const [tickets, scenarios, requests] = await Promise.all(
    ['/__admin/tickets', '/__admin/scenarios', '/__admin/requests'].map(
      async (path) => (await request(app).get(path)).body as unknown,
    ),
  );
  return { tickets, scenarios, requests };
}

describe('the Host check (DNS rebinding)', () => {
  it.each(['localhost:4010', 'localhost', '127.0.0.1:9', '[::1]:4010', 'LOCALHOST:1'])(
    'answers Host %s on a loopback listener',
    async (host) => {
      const res = await request(createApp()).get('/__admin/health').set('Host', host);
      expect(res.status).toBe(200);
    },
  );

  it.each([
    'evil.example',
    'evil.example:4010',
    'localhost.evil.example',
    '127.0.0.1.nip.io:4010',
    '192.168.1.20:4010',
  ])('refuses Host %s on a loopback listener with 421 problem details, changing nothing', async (host) => {
    const app = createApp({ seed: 'rebind' });
    await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(alice);
    const before = await held(app);
    for (const call of [
      request(app).post('/__admin/reset').set('Host', host),
      request(app).post('/__admin/scenarios').set('Host', host).send({ status: 404 }),
      request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(alice).set('Host', host),
      request(app).get('/__admin/requests').set('Host', host),
      request(app).get('/__admin/outbox').set('Host', host),
    ]) {
      const res = await call;
      expect(res.status).toBe(421);
      expect(problemOf(res).code).toBe('host-not-allowed');
      expect(res.headers['x-mock-decision']).toBe('host:not-allowed');
    }
    expect(await held(app)).toEqual(before);
  });

  it.each<[string, AppOptions, string]>([
    ['the --public-url host', { publicUrl: 'https://mock.team.example' }, 'mock.team.example'],
    ['a name of --allowed-hosts', { allowedHosts: ['dev.box'] }, 'dev.box:4010'],
    [
      'a subdomain of an --allowed-hosts domain',
      { allowedHosts: ['.preview.example'] },
      'pr-7.preview.example',
    ],
    ['any host on a non-loopback listener', { listenHost: '0.0.0.0' }, 'anything.example:80'],
    ['the listen address itself', { listenHost: '10.1.2.3', allowedHosts: ['x.example'] }, '10.1.2.3:4010'],
  ])('answers %s', async (_, options, host) => {
    const res = await request(createApp(options)).get('/__admin/health').set('Host', host);
    expect(res.status).toBe(200);
  });

  it.each<[string, AppOptions, string]>([
    ['a name outside --allowed-hosts', { allowedHosts: ['dev.box'] }, 'evil.example'],
    ['a look-alike of an allowed domain', { allowedHosts: ['.preview.example'] }, 'evilpreview.example'],
    [
      'any other host on a non-loopback listener given --allowed-hosts',
      { listenHost: '0.0.0.0', allowedHosts: ['mock.lan'] },
      'evil.example',
    ],
  ])('refuses %s', async (_, options, host) => {
    const res = await request(createApp(options)).get('/__admin/health').set('Host', host);
    expect(res.status).toBe(421);
    expect(problemOf(res).detail).toContain('--allowed-hosts');
  });

  it('still answers a non-loopback listener given --allowed-hosts on localhost', async () => {
    const app = createApp({ listenHost: '0.0.0.0', allowedHosts: ['mock.lan'] });
    expect((await request(app).get('/__admin/health').set('Host', 'localhost:4010')).status).toBe(200);
    expect((await request(app).get('/__admin/health').set('Host', 'mock.lan')).status).toBe(200);
  });

  it('does not journal a refused request', async () => {
    const app = createApp();
    await request(app).post(ENROLLMENT_PATH).set(alice).set('Host', 'evil.example');
    expect((await request(app).get('/__admin/requests')).body).toEqual({ requests: [] });
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.2', false],
    ['mock.lan', false],
  ])('knows whether %s is a loopback address (%s)', (address, loopback) => {
    expect(isLoopback(address)).toBe(loopback);
  });

  it.each([
    ['Example.COM:80', 'example.com'],
    ['[::1]:4010', '[::1]'],
    ['[::1]', '[::1]'],
    ['localhost', 'localhost'],
  ])('reads the host of Host %s as %s', (header, host) => {
    expect(hostnameOf(header)).toBe(host);
  });
});
