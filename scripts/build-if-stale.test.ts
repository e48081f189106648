/**
 * `npm start`'s first step, run on a copy of it in a small project whose `tsc` only records that it
 * ran: it builds when a source is newer than the last build, and only then.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../spec/document';

let project: string;
const at = (...parts: string[]): string => path.join(project, ...parts);
const LONG_AGO = new Date('2026-01-01T00:00:00Z');
const LATER = new Date('2026-06-01T00:00:00Z');

function write(file: string, text: string, time: Date): void {
  mkdirSync(path.dirname(at(file)), { recursive: true });
  writeFileSync(at(file), text);
  utimesSync(at(file), time, time);
}

/** Runs the script; `tsc` exits with `tscExit`. Returns how many builds ran so far, and the outcome. */
function start(tscExit = 0): { status: number | null; stderr: string; builds: number } {
  const result = spawnSync(process.execPath, [at('scripts', 'build-if-stale.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, FAKE_TSC_EXIT: String(tscExit) },
  });
  const log = at('tsc.log');
  const builds = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
  return { status: result.status, stderr: result.stderr, builds };
}

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'nexus-start-'));
  cpSync(path.join(PACKAGE_ROOT, 'scripts', 'build-if-stale.mjs'), at('scripts', 'build-if-stale.mjs'));
  write(
    'node_modules/typescript/bin/tsc',
    `require('node:fs').appendFileSync(${JSON.stringify(at('tsc.log'))}, process.argv.slice(2).join(' ') + '\\n');
     process.exit(Number(process.env.FAKE_TSC_EXIT));`,
    LONG_AGO,
  );
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) write(file, '{}', LONG_AGO);
  for (const folder of ['spec', 'mock', 'client', 'contracts', 'scripts', 'support'])
    write(`${folder}/index.ts`, 'export {};', LONG_AGO);
  write('dist/mock/server/cli.js', '', LATER);
  write('dist/.tsbuildinfo', '{}', LATER);
});
afterEach(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('build-if-stale', () => {
  it('starts without building when dist/ is newer than every source', () => {
    expect(start()).toEqual({ status: 0, stderr: '', builds: 0 });
  });

  it('builds once when a source is newer than the last build, then no more', () => {
    write('mock/engine/router.ts', 'export {};', new Date());
    const first = start();
    expect(first).toMatchObject({ status: 0, builds: 1 });
    expect(first.stderr).toContain('building dist/');
    expect(readFileSync(at('tsc.log'), 'utf8')).toBe('-p tsconfig.build.json\n');
    expect(start()).toMatchObject({ status: 0, builds: 1 });
  });

  it.each([
    'mock/engine/router.test.ts',
    'client/client.test-d.ts',
    'mock/test-support/http.ts',
    'mock/notes.md',
  ])('does not build for a newer %s, which the build leaves out', (file) => {
    write(file, '', new Date());
    expect(start().builds).toBe(0);
  });

  it('builds when a TypeScript configuration changed', () => {
    write('tsconfig.build.json', '{}', new Date());
    expect(start().builds).toBe(1);
  });

  it('builds when dist/ has no mock to start', () => {
    rmSync(at('dist', 'mock'), { recursive: true });
    expect(start().builds).toBe(1);
  });

  it("fails with tsc's exit code when the build fails, and builds again next time", () => {
    write('mock/broken.ts', 'export {};', new Date());
    expect(start(1)).toMatchObject({ status: 1, builds: 1 });
    expect(start(0)).toMatchObject({ status: 0, builds: 2 });
  });
});
