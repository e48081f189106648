import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { optional?: boolean }>>;
  readonly [key: string]: unknown;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * Makes a project installable with `npm ci --offline` from the npm cache `npm ci` filled for the kit:
 * writes a package-lock.json holding the packed kit (`file:` its tarball) and, taken from the kit's own
 * lockfile, exactly the packages the kit's runtime dependencies and the project's other dependencies
 * need. (`npm install --offline` cannot: it needs the registry's metadata, which `npm ci` never fetches.)
 * The project's own dependency on `nexus-mock-kit` is pointed at the tarball.
 */
export function writeOfflineLock(project: string, tarball: string): void {
  const kitLock = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const kit = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Manifest;
  const manifestFile = path.join(project, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const tarballRef = `file:${path.relative(project, tarball)}`;
  const wanted = Object.keys({
    ...manifest.dependencies,
    ...manifest.devDependencies,
    ...kit.dependencies,
  }).filter((name) => name !== kit.name);

  const packages = kitLock.packages;
  const chosen: Record<string, LockEntry> = {};
  const queue: string[] = [];
  const take = (location: string): void => {
    if (location in chosen) return;
    const {
      dev: _dev,
      devOptional: _devOptional,
      peer: _peer,
      optional: _optional,
      ...entry
    } = packages[location] ?? {};
    chosen[location] = entry;
    queue.push(location);
  };
  for (const name of wanted) {
    const location = locate(packages, '', name);
    if (location === undefined) throw new Error(`${name} is not in the kit's package-lock.json`);
    take(location);
  }
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const entry = packages[next] ?? {};
    const needs = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const name of Object.keys(needs)) {
      const location = locate(packages, next, name);
      if (location !== undefined) take(location);
    }
  }
  chosen[`node_modules/${kit.name}`] = {
    version: kit.version,
    resolved: tarballRef,
    dependencies: kit.dependencies,
    peerDependencies: kit.peerDependencies as Record<string, string>,
    peerDependenciesMeta: kit.peerDependenciesMeta as Record<string, { optional?: boolean }>,
    bin: kit.bin,
    engines: kit.engines,
  };

  const inDev = manifest.devDependencies?.[kit.name] !== undefined;
  if (inDev) manifest.devDependencies = { ...manifest.devDependencies, [kit.name]: tarballRef };
  else manifest.dependencies = { ...manifest.dependencies, [kit.name]: tarballRef };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const root = {
    name: manifest.name,
    version: manifest.version,
    ...(manifest.dependencies && { dependencies: manifest.dependencies }),
    ...(manifest.devDependencies && { devDependencies: manifest.devDependencies }),
  };
  const lock = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': root, ...chosen },
  };
  writeFileSync(path.join(project, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}

/** Where Node would find `name` from the package at `from`, in the lockfile's layout. */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let base = from; ;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}
