import http from 'node:http';
import { startServer } from './start-server';

describe('startServer from code', () => {
  it('listens with the command line defaults and what it is given, and closes', async () => {
    const running = await startServer({ port: 0, seed: 'code' });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${running.url}/__admin/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', seed: 'code' });
    } finally {
      await running.close();
    }
  });

  it('refuses an option it does not know, naming it', async () => {
    await expect(startServer({ port: 0, prot: 1 } as never)).rejects.toThrow(
      "startServer: unknown option 'prot'",
    );
  });

  it.each([
    [{ allowedHosts: 'mock.lan' as never }, 'startServer: allowedHosts must be an array of host names'],
    [{ allowedHosts: ['mock.lan:4010'] }, "startServer: allowedHosts 'mock.lan:4010' is not a host name"],
    [{ adminToken: '' }, 'startServer: adminToken must be printable ASCII'],
    [
      { sessionTtl: 1000, ticketTtl: 60_000 },
      'startServer: sessionTtl (1000 ms) must not be shorter than ticketTtl',
    ],
  ])('checks the team options as the command line does: %p', async (options, message) => {
    await expect(startServer({ port: 0, ...options })).rejects.toThrow(message);
  });

  it('takes host names in any case, as the command line does', async () => {
    const running = await startServer({ port: 0, allowedHosts: ['Mock.LAN'] });
    const statusFor = (host: string): Promise<number | undefined> =>
      new Promise((resolve, reject) => {
        http
          .get(`${running.url}/__admin/health`, { headers: { Host: host } }, (res) => {
            res.resume();
            resolve(res.statusCode);
          })
          .on('error', reject);
      });
    try {
      expect(await statusFor('mock.lan')).toBe(200);
      expect(await statusFor('other.lan')).toBe(421);
    } finally {
      await running.close();
    }
  });

  it('refuses a document it cannot serve before listening', async () => {
    await expect(startServer({ port: 0, spec: '/nowhere/api.yaml' })).rejects.toThrow('/nowhere/api.yaml');
  });
});
