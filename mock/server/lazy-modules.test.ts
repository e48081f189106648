/**
 * Start-up loads only what an operation's request needs (`npx nexus-mock`'s first 200): Express and
 * its routers (the admin API, the console, the enrollment page) load on the first request that
 * reaches them, ioredis only for `--store redis`. Checked in a process of its own on the built kit,
 * as a user's process loads it, by the packages in Node's module cache.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';
import { BUILD_TIMEOUT_MS, buildDist } from '../../support/build';

beforeAll(buildDist, BUILD_TIMEOUT_MS);

/** Starts the built kit's server, then prints the packages loaded after each request, one line each. */
const SCRIPT = `
const { startServer } = require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist', 'mock', 'index.js'))});
const loaded = () => [...new Set(Object.keys(require.cache).flatMap((file) => {
  const match = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file);
  return match ? [match[1]] : [];
}))].sort().join(' ');
(async () => {
  const running = await startServer({ port: 0, seed: 'lazy', logLevel: 'silent' });
  try {
    const enrollment = await fetch(running.url + '/v1/me/mfa-enrollment?isInteractive=true', {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from('alice:secret').toString('base64') },
    });
    console.log('enrollment', enrollment.status, loaded());
    const health = await fetch(running.url + '/__admin/health');
    console.log('admin', health.status, loaded());
  } finally {
    await running.close();
  }
})();
`;

function run(): Promise<string> {
  const child = spawn(process.execPath, ['-e', SCRIPT], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.once('close', () => {
      resolve(output);
    });
  });
}

it('answers its first enrollment without loading Express or ioredis, and loads Express for the admin API', async () => {
  const lines = (await run()).split('\n');
  const enrollment = lines.find((line) => line.startsWith('enrollment ')) ?? lines.join('\n');
  const admin = lines.find((line) => line.startsWith('admin ')) ?? lines.join('\n');
  expect(enrollment).toMatch(/^enrollment 200 /);
  expect(enrollment.split(' ')).not.toContain('express');
  expect(enrollment.split(' ')).not.toContain('ioredis');
  expect(admin).toMatch(/^admin 200 /);
  expect(admin.split(' ')).toContain('express');
}, 60_000);
