import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SPEC_PATH } from '../../spec/document';
import { freePort, startAndWait, type Started } from '../../support/processes';

/** Where @stoplight/prism-cli keeps its executable (its package.json `bin`). */
export function prismBin(): string {
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : (manifest.bin.prism ?? '');
  return path.join(path.dirname(manifestPath), bin);
}

/**
 * Starts Prism on a free loopback port, mocking the spec (`['mock']`) or validating a proxy to an
 * upstream (`['proxy', upstream, '--errors']`), and resolves once it listens.
 */
export async function startPrism(mode: readonly string[]): Promise<Started & { url: string }> {
  const port = await freePort();
  const [command, ...rest] = mode;
  const args = [
    prismBin(),
    command ?? 'mock',
    SPEC_PATH,
    ...rest,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ];
  const started = await startAndWait(process.execPath, args, /Prism is listening on (http:\/\/\S+)/, {
    timeoutMs: 60_000,
  });
  return { ...started, url: started.match[1] ?? `http://127.0.0.1:${port}` };
}
