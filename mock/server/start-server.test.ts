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

  it('refuses a document it cannot serve before listening', async () => {
    await expect(startServer({ port: 0, spec: '/nowhere/api.yaml' })).rejects.toThrow('/nowhere/api.yaml');
  });
});
