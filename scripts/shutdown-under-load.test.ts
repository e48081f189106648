import { shutdownUnderLoad } from './lib/shutdown-under-load';

describe('SIGTERM under load', () => {
  it('lets every in-flight request finish, refuses new connections, and exits 0 within 5 s', async () => {
    const report = await shutdownUnderLoad({ clients: 40, signalAfterMs: 800 });
    expect(report.inFlightAtSignal).toBeGreaterThan(0);
    expect(report.sentBeforeSignal.failed).toEqual([]);
    expect(report.sentBeforeSignal.ok).toBeGreaterThan(report.inFlightAtSignal);
    expect(report.newConnectionRefused).toBe(true);
    expect(report.exitCode).toBe(0);
    expect(report.exitMs).toBeLessThan(5000);
  }, 30_000);
});
