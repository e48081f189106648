/**
 * The built mock as a team deploys it: replicas (processes) on one Redis behind a round-robin
 * load balancer. The whole contract suite passes through it, a replica killed with SIGKILL loses
 * nothing it acknowledged, and a Redis that cannot be reached stops start-up.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { readSuiteConfig } from '../../contracts/config';
import { runSuite } from '../../contracts/run-suite';
import { PACKAGE_ROOT } from '../../spec/document';
import { buildDist, BUILD_TIMEOUT_MS } from '../../support/build';
import { freePort } from '../../support/processes';
import { startRedis, type RedisServer } from '../../support/redis-server';
import { startRoundRobinProxy } from '../../support/round-robin-proxy';
import { openEvents } from '../test-support/event-stream';
import { startMockProcess, type MockProcess } from '../test-support/process';

let redis: RedisServer;
const started: MockProcess[] = [];
beforeAll(async () => {
  buildDist();
  redis = await startRedis();
}, BUILD_TIMEOUT_MS);
afterEach(async () => {
  for (const replica of started.splice(0)) await replica.stop();
});
afterAll(async () => {
  await redis.kill();
});

async function replica(...args: string[]): Promise<MockProcess> {
  const mock = await startMockProcess([
    '--port',
    '0',
    '--store',
    `${redis.url}/${args.shift() ?? '0'}`,
    ...args,
  ]);
  started.push(mock);
  return mock;
}

async function enroll(url: string, user = 'alice'): Promise<string> {
  const res = await fetch(`${url}/v1/me/mfa-enrollment?isInteractive=true`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${user}:pw`).toString('base64')}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticketId: string }).ticketId;
}

describe('replicas of the built mock on one Redis', () => {
  it(
    'pass the whole contract suite behind a round-robin proxy',
    async () => {
      const replicas = [await replica('1', '--seed', 'team'), await replica('1', '--seed', 'team')];
      const proxy = await startRoundRobinProxy(replicas.map((r) => r.url));
      try {
        const summary = await runSuite(
          readSuiteConfig({
            NEXUS_BASE_URL: proxy.url,
            NEXUS_BEARER_TOKEN: 'contract-user',
            NEXUS_APPLICATION_TOKEN: 'contract-app',
            NEXUS_BASIC_USERNAME: 'contract-basic',
            NEXUS_BASIC_PASSWORD: 'contract-password',
            NEXUS_ALLOW_EMAIL: 'true',
          }),
        );
        const failures = summary.results.filter((r) => r.outcome === 'failed');
        expect(failures).toEqual([]);
        const passed = summary.results.filter((r) => r.outcome === 'passed').length;
        expect(passed).toBeGreaterThan(summary.results.length / 2);
        // Both replicas served the run.
        expect(Math.min(...proxy.forwarded)).toBeGreaterThan(10);
      } finally {
        await proxy.close();
      }
    },
    5 * 60_000,
  );

  it(
    'lose nothing a replica acknowledged before it was killed with SIGKILL',
    async () => {
      const first = await replica('2', '--seed', 'kill');
      const acknowledged: string[] = [];
      for (const user of ['alice', 'bob', 'carol', 'dave']) acknowledged.push(await enroll(first.url, user));
      first.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      const second = await replica('2', '--seed', 'kill');
      const res = await fetch(`${second.url}/__admin/tickets`);
      const listed = ((await res.json()) as { tickets: { ticketId: string }[] }).tickets.map(
        (t) => t.ticketId,
      );
      expect(listed.sort()).toEqual([...acknowledged].sort());
      // And the ids go on where the dead replica stopped.
      const next = await enroll(second.url, 'erin');
      expect(acknowledged).not.toContain(next);
    },
    2 * 60_000,
  );
});

describe("the console's event stream across replicas of the built mock", () => {
  it('shows on one replica what another served, and both still exit 0 on SIGTERM at once', async () => {
    // A grace period far beyond the test's timeout: an exit that waited for the stream or Redis fails it.
    const a = await replica('3', '--shutdown-timeout', '1h');
    const b = await replica('3', '--shutdown-timeout', '1h');
    const stream = await openEvents(`${a.url}/__admin/events?types=ticket`);
    const ticketId = await enroll(b.url, 'frank');
    expect((await stream.next()).data).toMatchObject({
      type: 'ticket',
      action: 'issued',
      ticket: { ticketId },
    });
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    await stream.ended;
    expect([await a.exited, await b.exited]).toEqual([0, 0]);
  }, 60_000);
});

describe('start-up without Redis', () => {
  it('stops with exit code 2 and one line naming the store, without a stack trace', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        path.join(PACKAGE_ROOT, 'dist/mock/server/cli.js'),
        '--port',
        '0',
        '--store',
        `redis://:hunter2@127.0.0.1:${port}/0`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(2);
    expect(output).toMatch(
      new RegExp(
        `^nexus-mock: cannot reach Redis at redis://:\\[REDACTED\\]@127\\.0\\.0\\.1:${port}/0 \\(--store\\): .*ECONNREFUSED.*\\n$`,
      ),
    );
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('    at ');
  }, 60_000);
});
