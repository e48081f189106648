/**
 * The kit as a frontend team gets it: `npm pack`, installed from the tarball into a fresh project
 * (offline, from the npm cache), then the entry points (required and imported), both bins, and the
 * examples' tests and type checks, run there: examples/frontend is a CommonJS project (Jest),
 * examples/frontend-esm an ES module one (`nodenext`, skipLibCheck off, msw 2, `node --test`). A file
 * missing from the package, or a runtime dependency missing from package.json, fails here.
 */
import {
  readdirSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../spec/document';
import { BUILD_TIMEOUT_MS, buildPackage } from '../support/build';
import { startAndWait } from '../support/processes';
import { STAND_IN_ENV } from '../contracts/stand-ins';
import { CLEAN_ENV, installInto as install, packKit, run, succeed } from './lib/packed-kit';

const work = mkdtempSync(path.join(tmpdir(), 'nexus-package-'));
let tarball: string;
let shipped: string[];

beforeAll(async () => {
  buildPackage();
  // The build ran just above (prepack runs the same build; here it would race other tests' builds).
  ({ tarball, files: shipped } = await packKit(work));
}, BUILD_TIMEOUT_MS);

// Three installed projects: some 150 MB.
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A fresh project in `work`: package.json from `manifest` (or a copy of `from`), installed offline with the tarball. */
function installInto(name: string, from: { folder: string } | { manifest: object }): Promise<string> {
  return install(path.join(work, name), tarball, from);
}

describe('the packed kit', () => {
  it('builds on pack (from an empty dist/) and on install from a clone', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // Packing starts from an empty dist/, so nothing built from a deleted source can ship.
    expect(scripts.prepack).toMatch(/rmSync\('dist'.*&& npm run build$/);
    expect(scripts.prepare).toBe('npm run build');
  });

  it('passes npm publish --dry-run', async () => {
    const { code, output } = await run('npm', ['publish', '--dry-run', '--ignore-scripts'], PACKAGE_ROOT);
    expect(output).toContain('+ nexus-mock-kit@');
    expect(code).toBe(0);
  }, 120_000);

  it('ships the built code with its types, the spec and the scenario catalogue', () => {
    for (const file of [
      'package.json',
      'README.md',
      'spec/nexus.openapi.yaml',
      'mock/scenarios.catalog.json',
      'mock/admin/console/assets/index.html',
      'mock/admin/console/assets/app.js',
      'mock/admin/console/assets/console.css',
      'dist/mock/index.js',
      'dist/mock/index.d.ts',
      'dist/spec/types.js',
      'dist/spec/types.d.ts',
      'dist/spec/generated/nexus.d.ts',
      'dist/client/index.js',
      'dist/client/index.d.ts',
      'dist/mock/msw/index.js',
      'dist/mock/msw/index.d.ts',
      'dist/esm/package.json',
      'dist/esm/mock/index.js',
      'dist/esm/mock/index.d.ts',
      'dist/esm/spec/types.js',
      'dist/esm/spec/types.d.ts',
      'dist/esm/client/index.js',
      'dist/esm/client/index.d.ts',
      'dist/esm/mock/msw/index.js',
      'dist/esm/mock/msw/index.d.ts',
      'dist/mock/server/cli.js',
      'dist/contracts/cli.js',
    ])
      expect(shipped).toContain(file);
  });

  it('ships no tests, scripts, sources, source maps or mutants, and nothing built from a source that is gone', () => {
    const unwanted = shipped.filter(
      (file) =>
        /\.test(-d)?\.|test-support|mutants|^dist\/scripts\/|\.map$/.test(file) ||
        (file.endsWith('.ts') && !file.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
    const orphans = shipped
      .filter((file) => file.startsWith('dist/') && file.endsWith('.js'))
      .filter(
        (file) =>
          !existsSync(path.join(PACKAGE_ROOT, file.replace(/^dist\/(esm\/)?/, '').replace(/\.js$/, '.ts'))),
      );
    expect(orphans).toEqual([]);
  });

  it('installs with nothing but its runtime dependencies: the entry points load and both bins work', async () => {
    const project = await installInto('bare', {
      manifest: { name: 'bare', version: '1.0.0', private: true, dependencies: { 'nexus-mock-kit': '*' } },
    });
    const loaded = await succeed(
      process.execPath,
      [
        '-e',
        `const kit = require('nexus-mock-kit');
         const types = require('nexus-mock-kit/types');
         const client = require('nexus-mock-kit/client');
         console.log(typeof kit.createApp, typeof kit.startServer, types.MFA_FACTORS.join(','), typeof client.createNexusClient);
         try { require('nexus-mock-kit/msw'); } catch (error) { console.log(error.code, /'msw'/.test(error.message)); }`,
      ],
      project,
    );
    expect(loaded).toContain('function function otp,push-notification');
    // msw is an optional peer: without it, only the msw entry point is unavailable, and says why.
    expect(loaded).toContain('MODULE_NOT_FOUND true');
    // The same entry points imported by an ES module get the ES module build.
    const imported = await succeed(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createApp, startServer } from 'nexus-mock-kit';
         import { MFA_FACTORS } from 'nexus-mock-kit/types';
         import { createNexusClient } from 'nexus-mock-kit/client';
         import { createRequire } from 'node:module';
         const esm = import.meta.resolve('nexus-mock-kit');
         const cjs = createRequire(import.meta.url).resolve('nexus-mock-kit');
         console.log(typeof createApp, typeof startServer, MFA_FACTORS.join(','), typeof createNexusClient);
         console.log(esm.endsWith('/dist/esm/mock/index.js'), cjs.endsWith('/dist/mock/index.js'));
         await import('nexus-mock-kit/msw').catch((error) => console.log(error.code, /'msw'/.test(error.message)));`,
      ],
      project,
    );
    expect(imported).toContain('function function otp,push-notification');
    expect(imported).toContain('true true');
    expect(imported).toContain('ERR_MODULE_NOT_FOUND true');

    const mock = await startAndWait(
      path.join(project, 'node_modules', '.bin', 'nexus-mock'),
      ['--port', '0', '--seed', 'packed'],
      /listening on (http:\/\/\S+)/,
      { cwd: project, env: CLEAN_ENV },
    );
    try {
      const contracts = await run(
        path.join(project, 'node_modules', '.bin', 'nexus-contracts'),
        ['--base-url', mock.match[1] ?? ''],
        project,
        STAND_IN_ENV,
      );
      expect(contracts.output).toMatch(/\d+ passed, 0 failed/);
      expect(contracts.code).toBe(0);
      expect(readFileSync(path.join(project, 'reports', 'contracts-junit.xml'), 'utf8')).toContain(
        '<testsuites',
      );
      // The QA console's files are read from the package at run time: every one it links must be there.
      expect((await fetch(`${mock.match[1] ?? ''}/__admin/console`)).status).toBe(200);
      const assets = readdirSync(path.join(PACKAGE_ROOT, 'mock', 'admin', 'console', 'assets')).filter(
        (file) => file !== 'tsconfig.json' && file !== 'index.html',
      );
      expect(assets.length).toBeGreaterThan(5);
      for (const file of assets)
        expect([file, (await fetch(`${mock.match[1] ?? ''}/__admin/console/${file}`)).status]).toEqual([
          file,
          200,
        ]);
    } finally {
      await mock.stop();
    }
  }, 240_000);

  it("passes examples/frontend's type check and tests (CommonJS), installed from the tarball; its declarations compile", async () => {
    const project = await installInto('example', { folder: path.join(PACKAGE_ROOT, 'examples', 'frontend') });
    await succeed(
      path.join(project, 'node_modules', '.bin', 'tsc'),
      ['--noEmit', '-p', 'tsconfig.json'],
      project,
    );
    // The kit's declarations themselves, checked (skipLibCheck off): each type they import must come
    // from a runtime dependency. Not msw's entry point: msw 2.15's own declarations fail this check.
    mkdirSync(path.join(project, 'declarations'));
    writeFileSync(
      path.join(project, 'declarations', 'entries.ts'),
      `import { createApp, startServer, type AppOptions, type ServerOptions } from 'nexus-mock-kit';
       import { createNexusClient, type NexusClient } from 'nexus-mock-kit/client';
       import { MFA_FACTORS, type components, type paths } from 'nexus-mock-kit/types';
       export const used = [createApp, startServer, createNexusClient, MFA_FACTORS];
       export type Used = [AppOptions, ServerOptions, NexusClient, paths, components];\n`,
    );
    writeFileSync(
      path.join(project, 'tsconfig.declarations.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { skipLibCheck: false, types: ['node'] },
        include: ['declarations'],
      }),
    );
    await succeed(
      path.join(project, 'node_modules', '.bin', 'tsc'),
      ['--noEmit', '-p', 'tsconfig.declarations.json'],
      project,
    );
    const tests = await succeed(path.join(project, 'node_modules', '.bin', 'jest'), ['--ci'], project);
    expect(tests).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(tests).not.toMatch(/skipped|todo/);
  }, 240_000);

  it("passes examples/frontend-esm's type check (nodenext, skipLibCheck off, msw 2) and tests (ES modules)", async () => {
    const project = await installInto('example-esm', {
      folder: path.join(PACKAGE_ROOT, 'examples', 'frontend-esm'),
    });
    const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as {
      type?: string;
    };
    const config = JSON.parse(readFileSync(path.join(project, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    // The case of issue 19: msw's ESM declarations and the kit's must name one RequestHandler class.
    expect([manifest.type, config.compilerOptions]).toEqual([
      'module',
      expect.objectContaining({ module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false }),
    ]);
    // `npm test` there: tsc (any type error fails it), then node --test on what tsc wrote.
    const tests = await succeed('npm', ['test', '--silent'], project);
    expect(tests).toMatch(/# pass [1-9]\d*\n# fail 0\n/);
    expect(tests).toMatch(/# skipped 0\n# todo 0\n/);
  }, 240_000);
});
