/** The module against `nexus-mock`, the kit's server, started by the test as a team's dev setup runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createNexusClient } from 'nexus-mock-kit/client';
import { startServer } from 'nexus-mock-kit';
import { startEnrollment } from './enrollment';

const BIN = path.join(__dirname, '..', 'node_modules', '.bin', 'nexus-mock');

/** Runs `nexus-mock --port 0` and resolves with its URL once it says where it listens. */
function startNexusMock(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(BIN, ['--port', '0', '--seed', 'frontend'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening?.[1]) resolve({ url: listening[1], child });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`nexus-mock exited (${String(code)}): ${output}`)));
  });
}

describe('startEnrollment against nexus-mock', () => {
  let mock: { url: string; child: ChildProcess };
  beforeAll(async () => {
    mock = await startNexusMock();
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => mock.child.once('exit', resolve));
    mock.child.kill('SIGTERM');
    await exited;
  });

  it('sends a self-service user to the enrollment page the mock serves', async () => {
    const nexus = createNexusClient({
      baseUrl: mock.url,
      credentials: { username: 'alice', password: 'secret' },
    });
    const view = await startEnrollment(nexus, { selfService: true, factor: 'webauthn-platform' });
    if (view.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(view)}`);
    expect(view.url.startsWith(`${mock.url}/enrollment/`)).toBe(true);
    const page = await fetch(view.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Complete enrollment');
  });

  it('shows the problem detail of the documented 400', async () => {
    await fetch(`${mock.url}/__admin/scenarios/catalog/invalid-factor`, { method: 'POST' });
    const nexus = createNexusClient({
      baseUrl: mock.url,
      credentials: { username: 'bob', password: 'secret' },
    });
    const view = await startEnrollment(nexus, { selfService: true });
    expect(view).toMatchObject({ kind: 'error', status: 400, message: expect.stringContaining("'factor'") });
  });
});

describe('startEnrollment against the mock started from code', () => {
  it('emails the link to a management user', async () => {
    const running = await startServer({ port: 0, seed: 'frontend' });
    try {
      const nexus = createNexusClient({
        baseUrl: running.url,
        credentials: { bearer: 'user-7', applicationToken: 'my-app' },
      });
      expect(await startEnrollment(nexus, { selfService: false })).toMatchObject({ kind: 'email-sent' });
      const outbox = (await (await fetch(`${running.url}/__admin/outbox`)).json()) as { emails: unknown[] };
      expect(outbox.emails).toHaveLength(1);
    } finally {
      await running.close();
    }
  });
});
