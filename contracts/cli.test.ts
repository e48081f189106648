/**
 * `nexus-contracts`, run as a consumer's CI runs it: the built bin, in a folder of its own, against
 * a mock or a deployment the test starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../mock/app';
import { PACKAGE_ROOT } from '../spec/document';
import { BUILD_TIMEOUT_MS, buildDist } from '../support/build';
import { serveOnLoopback, type LoopbackServer } from '../support/loopback';
import { startHostileServer } from './mutants/hostile-servers';
import { startReferenceServer } from './mutants/reference-server';
import { STAND_IN_ENV } from './stand-ins';

const BIN = path.join(PACKAGE_ROOT, 'dist', 'contracts', 'cli.js');

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The folder it ran in: its reports/ are there unless NEXUS_REPORTS_DIR says otherwise. */
  readonly cwd: string;
}

beforeAll(buildDist, BUILD_TIMEOUT_MS);

/** The folders the runs made (each with its reports), removed at the end. */
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/**
 * Runs the bin without blocking this process, which serves the target; without NEXUS_* from outside.
 * `onOutput` sees each piece of its stdout as it comes (to signal it at a given moment).
 */
function contracts(
  args: readonly string[],
  env: Record<string, string> = {},
  onOutput: (stdout: string, child: ChildProcess) => void = () => undefined,
): Promise<Outcome> {
  const cwd = tempFolder('nexus-contracts-');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEXUS_')));
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...inherited, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onOutput(stdout, child);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.once('close', (code) => {
      resolve({ code, stdout, stderr, cwd });
    });
  });
}

describe('nexus-contracts against a mock the test started', () => {
  let mock: LoopbackServer;
  beforeAll(async () => {
    mock = await serveOnLoopback(createApp({ seed: 'cli' }));
  });
  afterAll(() => mock.close());

  it('exits 0 and writes the summary, its JSON and JUnit XML under ./reports', async () => {
    const { code, stdout, stderr, cwd } = await contracts(['--base-url', mock.url], STAND_IN_ENV);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Nexus contract suite: ${mock.url}, profile full`);
    expect(stdout).toMatch(/\d+ passed, 0 failed/);
    const reports = path.join(cwd, 'reports');
    const summary = JSON.parse(readFileSync(path.join(reports, 'contracts-summary.json'), 'utf8')) as {
      results: { id: string; outcome: string }[];
    };
    expect(readFileSync(path.join(reports, 'contracts-summary.txt'), 'utf8')).toContain(
      'PASS  mock.prefer-code',
    );
    const junit = readFileSync(path.join(reports, 'contracts-junit.xml'), 'utf8');
    expect(junit).toContain(
      `<testsuites name="Nexus contract suite" tests="${summary.results.length}" failures="0"`,
    );
    expect(junit.match(/<testcase /g)).toHaveLength(summary.results.length);
    expect(junit).toContain('[mock.prefer-code]');
  }, 120_000);

  it('takes the base URL and the profile from the environment too', async () => {
    const { code, stdout } = await contracts([], {
      ...STAND_IN_ENV,
      NEXUS_BASE_URL: mock.url,
      NEXUS_CONTRACT_PROFILE: 'structural',
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`Nexus contract suite: ${mock.url}, profile structural`);
  }, 120_000);

  it('writes where NEXUS_REPORTS_DIR says', async () => {
    const reports = tempFolder('nexus-reports-');
    const { code } = await contracts(['--base-url', mock.url, '--profile', 'structural'], {
      NEXUS_REPORTS_DIR: reports,
    });
    expect(code).toBe(0);
    expect(readFileSync(path.join(reports, 'contracts-junit.xml'), 'utf8')).toContain('<testsuites');
  }, 120_000);
});

describe('nexus-contracts against a deployment that breaks the contract', () => {
  it('exits 1, naming the failed check in the summary and the JUnit XML, with no secret in either', async () => {
    const server = await startReferenceServer({ flaw: 'bearer-alone-accepted' });
    try {
      const { code, stdout, cwd } = await contracts(['--base-url', server.url], {
        ...STAND_IN_ENV,
        NEXUS_ALLOW_EMAIL: 'true',
      });
      expect(code).toBe(1);
      expect(stdout).toContain('FAIL  auth.CreateMfaEnrollment.Bearer-without-ApplicationToken');
      const junit = readFileSync(path.join(cwd, 'reports', 'contracts-junit.xml'), 'utf8');
      expect(junit).toMatch(/<failure type="[a-z_]+" message="[^"]+">/);
      for (const secret of Object.values(STAND_IN_ENV).filter((v) => v.length > 8)) {
        expect(junit).not.toContain(secret);
        expect(stdout).not.toContain(secret);
      }
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe('nexus-contracts given unusable flags or configuration', () => {
  it.each([
    [['--nope'], {}, "nexus-contracts: Unknown option '--nope'"],
    [['--base-url'], {}, "nexus-contracts: Option '--base-url <value>' argument missing"],
    [
      ['--base-url', 'ftp://nexus.example'],
      {},
      "NEXUS_BASE_URL must be an http(s) URL, got 'ftp://nexus.example'",
    ],
    [['--profile', 'odd'], {}, "NEXUS_CONTRACT_PROFILE must be full, structural or proxied, got 'odd'"],
    [[], { NEXUS_TIMEOUT_MS: 'soon' }, "NEXUS_TIMEOUT_MS must be a whole number, got 'soon'"],
    [['--spec', 'missing.yaml'], {}, 'missing.yaml: cannot read the file (ENOENT)'],
    [['extra'], {}, "nexus-contracts: Unexpected argument 'extra'"],
  ])(
    'exits 2 for %j %j with one line on stderr',
    async (args, env, message) => {
      const { code, stdout, stderr } = await contracts(args, env);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    },
    60_000,
  );

  it('prints every flag and variable for --help, and exits 0', async () => {
    const { code, stdout } = await contracts(['--help']);
    expect(code).toBe(0);
    for (const word of [
      '--base-url',
      '--profile',
      '--spec',
      'NEXUS_BASE_URL',
      'NEXUS_SPEC',
      'NEXUS_REPORTS_DIR',
    ])
      expect(stdout).toContain(word);
  }, 60_000);
});

describe('nexus-contracts against a deployment that never answers', () => {
  it('stops on SIGTERM and still writes its summary and reports, exiting 1', async () => {
    const server = await startHostileServer('never-answers');
    try {
      let signalled = false;
      const outcome = await contracts(
        ['--base-url', server.url],
        { NEXUS_REQUEST_TIMEOUT_MS: '60000' },
        (stdout, child) => {
          // The seed line is printed before the first request: the run is under way.
          if (!signalled && stdout.includes('NEXUS_CONTRACT_SEED=')) {
            signalled = true;
            child.kill('SIGTERM');
          }
        },
      );
      expect(outcome.code).toBe(1);
      expect(outcome.stdout).toContain('run.stopped');
      const summary = JSON.parse(
        readFileSync(path.join(outcome.cwd, 'reports', 'contracts-summary.json'), 'utf8'),
      ) as { results: { id: string; reason?: string }[] };
      expect(summary.results.find((r) => r.id === 'run.stopped')?.reason).toMatch(
        /^the run was interrupted by SIGTERM: \d+ cases did not run$/,
      );
      expect(readFileSync(path.join(outcome.cwd, 'reports', 'contracts-junit.xml'), 'utf8')).toContain(
        'interrupted by SIGTERM',
      );
    } finally {
      await server.close();
    }
  }, 60_000);

  it("warns once, on stderr, of a secret shorter than the redactor's pieces", async () => {
    const server = await startHostileServer('garbage');
    try {
      const outcome = await contracts(['--base-url', server.url], {
        NEXUS_BEARER_TOKEN: 'json',
        NEXUS_APPLICATION_TOKEN: 'an-application-token',
      });
      expect(outcome.code).toBe(1);
      expect(outcome.stderr.match(/warning: NEXUS_BEARER_TOKEN is shorter than 8 characters/g)).toHaveLength(
        1,
      );
      expect(outcome.stderr).not.toContain('APPLICATION_TOKEN is shorter');
    } finally {
      await server.close();
    }
  }, 60_000);
});
