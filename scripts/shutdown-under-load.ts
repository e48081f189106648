/**
 * `npm run shutdown-under-load`: SIGTERM in the middle of a load. Passes when every request in
 * flight at the signal completes, a new connection is refused, and the mock exits 0 within 5 s.
 */
import { shutdownUnderLoad } from './lib/shutdown-under-load';

void shutdownUnderLoad({ clients: 100, signalAfterMs: 3000 }).then((report) => {
  const checks = [
    {
      check: `every request sent before SIGTERM answered 200 (${report.inFlightAtSignal} in flight)`,
      ok: report.sentBeforeSignal.failed.length === 0,
    },
    { check: 'a new connection is refused after SIGTERM', ok: report.newConnectionRefused },
    {
      check: `exit code 0 (${String(report.exitCode)}) within 5 s (${report.exitMs.toFixed(0)} ms)`,
      ok: report.exitCode === 0 && report.exitMs < 5000,
    },
  ];
  process.stdout.write(
    `${JSON.stringify(report, null, 2)}\n${checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.check}`).join('\n')}\n`,
  );
  process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
});
