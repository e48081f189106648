// `npm start`'s first step: builds dist/ only when a source is newer than the last build, so a start
// costs a few stat() calls, not a TypeScript build (~10 s on a busy 2-core machine). Plain JavaScript:
// it runs before anything is built. `npm ci` builds once (the `prepare` script); this catches edits since.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** tsc writes it on every build that changes something; this script touches it after each build. */
const stamp = path.join(root, 'dist', '.tsbuildinfo');
const entry = path.join(root, 'dist', 'mock', 'server', 'cli.js');
const folders = ['spec', 'mock', 'client', 'contracts', 'scripts', 'support'];
const configs = ['tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time among the sources the build compiles (tests excluded, as it does). */
function newestSource() {
  let newest = Math.max(...configs.map((file) => statSync(path.join(root, file)).mtimeMs));
  const visit = (dir, depth) => {
    if (depth > 8) return;
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) {
        if (item.name !== 'test-support' && item.name !== 'node_modules') visit(full, depth + 1);
      } else if (/\.ts$/.test(item.name) && !/\.test(-d)?\.ts$/.test(item.name)) {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  for (const folder of folders) visit(path.join(root, folder), 0);
  return newest;
}

function isStale() {
  if (!existsSync(stamp) || !existsSync(entry)) return true;
  return newestSource() > statSync(stamp).mtimeMs;
}

if (isStale()) {
  process.stderr.write('nexus-mock: sources changed since the last build; building dist/ ...\n');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // An edit that changed nothing leaves tsc's file as it was: the stamp still moves, or every start would build.
  const now = new Date();
  utimesSync(stamp, now, now);
}
