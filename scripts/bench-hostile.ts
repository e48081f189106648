/**
 * `npm run bench:hostile`: `nexus-contracts` with its default limits against each hostile deployment
 * of issue 18 (never answers, headers a byte at a time, a body a byte every 2 s, an endless JSON
 * body, a gzip bomb, bodies of 300, 190 and 5 MB ...), each served from this process on 127.0.0.1.
 * Measures each run's wall time and peak resident memory (GNU time's maximum RSS) and the size of
 * its reports, and fails unless every run ends in under a minute, under 300 MB, with exit code 1,
 * writing its reports, and with no credential in them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HOSTILE_KINDS, startHostileServer, type HostileKind } from '../contracts/mutants/hostile-servers';
import { PACKAGE_ROOT } from '../spec/document';

const BIN = path.join(PACKAGE_ROOT, 'dist', 'contracts', 'cli.js');
const MAX_SECONDS = 60;
const MAX_RSS_MB = 300;
const SECRETS = { NEXUS_BEARER_TOKEN: 'tok-Bench9Hostile4x', NEXUS_APPLICATION_TOKEN: 'app-Bench9Hostile4x' };

interface Measure {
  readonly kind: HostileKind;
  readonly code: number | null;
  readonly seconds: number;
  readonly rssMb: number;
  readonly reportsKb: number;
  readonly leaked: boolean;
  readonly firstFailure: string;
}

async function measure(kind: HostileKind): Promise<Measure> {
  const server = await startHostileServer(kind);
  const reports = mkdtempSync(path.join(tmpdir(), 'nexus-hostile-'));
  try {
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'BENCH %M %e', process.execPath, BIN, '--base-url', server.url],
      {
        env: { ...process.env, ...SECRETS, NEXUS_REPORTS_DIR: reports, NEXUS_CONTRACT_SEED: '18' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    const [, kb = '0', elapsed = '0'] = /BENCH (\d+) ([\d.]+)/.exec(stderr) ?? [];
    const files = readdirSync(reports);
    const text = files.map((file) => readFileSync(path.join(reports, file), 'utf8')).join('\n');
    const summary = JSON.parse(readFileSync(path.join(reports, 'contracts-summary.json'), 'utf8')) as {
      results: { outcome: string; reason?: string }[];
    };
    return {
      kind,
      // GNU time exits with the command's own exit code.
      code,
      seconds: Number(elapsed),
      rssMb: Number(kb) / 1024,
      reportsKb: files.reduce((sum, file) => sum + statSync(path.join(reports, file)).size, 0) / 1024,
      leaked: Object.values(SECRETS).some(
        (secret) => text.includes(secret) || text.includes(secret.slice(4, 12)),
      ),
      firstFailure: summary.results.find((r) => r.outcome === 'failed')?.reason?.split('\n')[0] ?? '(none)',
    };
  } finally {
    rmSync(reports, { recursive: true, force: true });
    await server.close();
  }
}

async function main(): Promise<number> {
  const kinds =
    process.argv.slice(2).length > 0 ? (process.argv.slice(2) as HostileKind[]) : [...HOSTILE_KINDS];
  process.stdout.write(
    `bench:hostile: nexus-contracts with default limits; target < ${MAX_SECONDS} s, < ${MAX_RSS_MB} MB\n`,
  );
  process.stdout.write(
    `| deployment | exit | wall s | peak RSS MB | reports KB | first failure |\n|---|---|---|---|---|---|\n`,
  );
  let ok = true;
  for (const kind of kinds) {
    if (!HOSTILE_KINDS.includes(kind)) {
      process.stderr.write(`bench:hostile: unknown deployment ${kind}; one of ${HOSTILE_KINDS.join(', ')}\n`);
      return 2;
    }
    const m = await measure(kind);
    const pass = m.code === 1 && m.seconds < MAX_SECONDS && m.rssMb < MAX_RSS_MB && !m.leaked;
    ok &&= pass;
    process.stdout.write(
      `| ${m.kind} | ${m.code ?? 'signal'} | ${m.seconds.toFixed(1)} | ${m.rssMb.toFixed(0)} | ${m.reportsKb.toFixed(0)} | ${m.firstFailure.slice(0, 140)}${m.leaked ? ' LEAKED A SECRET' : ''}${pass ? '' : ' FAIL'} |\n`,
    );
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench:hostile: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
