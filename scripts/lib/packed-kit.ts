/**
 * The kit as a user gets it: `npm pack`, then installed from the tarball into a fresh project (offline,
 * from the npm cache `npm ci` filled). Shared by the packed-kit test (scripts/package-example.test.ts)
 * and the start-up bench (`npx nexus-mock` from an installed tarball).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';
import { runCollecting, type Ran } from '../../support/processes';
import { writeOfflineLock } from './offline-lock';

/** The environment of a consumer's shell: none of this run's NEXUS_* or Jest variables. */
export const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('NEXUS_') && !name.startsWith('JEST_')),
);

/** Runs a command in the consumer's environment (plus `env`), collecting stdout and stderr. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Ran> {
  return runCollecting(command, args, { cwd, env: { ...CLEAN_ENV, ...env } });
}

/** Runs a command and rejects with its output when it does not exit 0. */
export async function succeed(command: string, args: readonly string[], cwd: string): Promise<string> {
  const { code, output } = await run(command, args, cwd);
  if (code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${String(code)} in ${cwd}:\n${output}`);
  return output;
}

/** Packs dist/ as it is (build it first: `npm pack` here runs no scripts) into `destination`. */
export async function packKit(destination: string): Promise<{ tarball: string; files: string[] }> {
  const packed = await succeed(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    PACKAGE_ROOT,
  );
  const [entry] = JSON.parse(packed.slice(packed.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  if (!entry) throw new Error(`npm pack said nothing: ${packed}`);
  return { tarball: path.join(destination, entry.filename), files: entry.files.map((f) => f.path) };
}

/**
 * A fresh project at `project`: package.json from `manifest` (or a copy of the folder `from`, without
 * its node_modules), installed offline with the kit from `tarball`.
 */
export async function installInto(
  project: string,
  tarball: string,
  from: { folder: string } | { manifest: object },
): Promise<string> {
  if ('folder' in from)
    cpSync(from.folder, project, { recursive: true, filter: (source) => !source.includes('node_modules') });
  else {
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify(from.manifest));
  }
  writeOfflineLock(project, tarball);
  await succeed('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
  return project;
}
