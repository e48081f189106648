import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';

/**
 * The Node.js flags `npm start` runs the mock with, read from package.json, so the benchmark runs
 * the mock exactly as a user does (without the build step `npm start` does first).
 */
export function startNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const match = /\bnode((?:\s+--\S+)*)\s+dist\/mock\/server\/cli\.js/.exec(manifest.scripts.start);
  if (!match)
    throw new Error(
      `Cannot find "node ... dist/mock/server/cli.js" in the start script: ${manifest.scripts.start}`,
    );
  return (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
}
