/**
 * `nexus-mock --spec PATH`, run as a user runs it (the built CLI): a document it can serve is served,
 * and one it cannot stops start-up with exit code 2 and one line saying what and where.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT, SPEC_PATH } from '../../spec/document';
import { startMockProcess } from '../test-support/process';
import { BUILD_TIMEOUT_MS, buildDist } from '../../support/build';

const dir = mkdtempSync(path.join(tmpdir(), 'nexus-spec-option-'));
const ENROLL = '#/paths/~1v1~1me~1mfa-enrollment/post';

/** The parts of the kit's own document these tests change (spec/nexus.openapi.yaml#/components/schemas). */
interface KitDocument {
  readonly components: { readonly schemas: { MfaEnrollmentTicket?: unknown; MfaFactor: { enum: string[] } } };
}

/** The kit's own document, parsed afresh so a test may change it. */
function kitDocument(): KitDocument {
  return parse(readFileSync(SPEC_PATH, 'utf8')) as KitDocument;
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI and resolves when it has exited and its output is closed. */
function runCli(args: readonly string[], env: Record<string, string> = {}, uid?: number): Promise<Run> {
  const child = spawn(process.execPath, ['dist/mock/server/cli.js', '--port', '0', ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NEXUS_MOCK_LOG_LEVEL: 'silent', ...env },
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    // A mock that starts on a broken document would never exit by itself: stop it, and let the
    // assertions say what happened.
    if (stdout.includes('Nexus mock listening')) child.kill();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

// These tests run dist/: build it first, so they never judge a stale copy.
beforeAll(buildDist, BUILD_TIMEOUT_MS);

describe('nexus-mock --spec', () => {
  const missing = path.join(dir, 'missing.yaml');
  const badYaml = write(
    'bad-indent.yaml',
    'openapi: 3.1.0\ninfo:\n  title: Pets\n   version: 1\npaths: {}\n',
  );
  const withoutTicket = kitDocument();
  delete withoutTicket.components.schemas.MfaEnrollmentTicket;
  const badRef = write('bad-ref.json', JSON.stringify(withoutTicket));

  it.each<{ what: string; argv: string[]; env: Record<string, string>; line: string }>([
    {
      what: 'a missing file',
      argv: ['--spec', missing],
      env: {},
      line: `${missing}: cannot read the file (ENOENT)`,
    },
    {
      what: 'a YAML syntax error (named by NEXUS_MOCK_SPEC)',
      argv: [],
      env: { NEXUS_MOCK_SPEC: badYaml },
      line: `${badYaml}:3:10: `,
    },
    {
      what: 'an unresolvable $ref',
      argv: ['--spec', badRef],
      env: {},
      line: `${badRef}: ${ENROLL}/responses/200/content/application~1json/schema: $ref '#/components/schemas/MfaEnrollmentTicket' does not resolve`,
    },
  ])('refuses $what: exit code 2 and one line naming the file and where', async ({ argv, env, line }) => {
    const run = await runCli(argv, env);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(/^nexus-mock: /), '']);
    expect(run.stderr.slice(0, `nexus-mock: ${line}`.length)).toBe(`nexus-mock: ${line}`);
    expect(run.stderr).not.toContain('    at ');
    expect(run.code).toBe(2);
  });

  // Only root may run the CLI as another user, and root itself reads any file: spec/load.test.ts
  // covers the same refusal when the tests run as an ordinary user. The other user must be able to
  // reach the kit itself (a checkout under a private folder is out of its reach).
  const NOBODY = 65534;
  const nobodyReachesKit =
    process.getuid?.() === 0 &&
    spawnSync(
      process.execPath,
      ['-e', `require('fs').accessSync(${JSON.stringify(path.join(PACKAGE_ROOT, 'package.json'))}, 4)`],
      {
        uid: NOBODY,
        gid: NOBODY,
      },
    ).status === 0;
  const asRoot = nobodyReachesKit ? it : it.skip;
  asRoot('refuses a file it may not read: exit code 2 and one line', async () => {
    chmodSync(dir, 0o755);
    const secret = write('secret.yaml', readFileSync(SPEC_PATH, 'utf8'));
    chmodSync(secret, 0o000);
    const run = await runCli(['--spec', secret], {}, NOBODY);
    expect(run.stderr).toBe(`nexus-mock: ${secret}: cannot read the file (EACCES)\n`);
    expect(run.code).toBe(2);
  });

  it('serves the document --spec names (JSON here), not the kit’s own', async () => {
    // The kit's document, less one factor: a request for it is now invalid, which only this file says.
    const doc = kitDocument();
    const dropped = doc.components.schemas.MfaFactor.enum.pop() ?? '';
    const file = write('fewer-factors.json', JSON.stringify(doc));
    const mock = await startMockProcess(['--port', '0', '--spec', file]);
    try {
      const res = await fetch(`${mock.url}/v1/me/mfa-enrollment?isInteractive=true&factor=${dropped}`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('alice:secret').toString('base64')}` },
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('factor');
    } finally {
      await mock.stop();
    }
  });
});
