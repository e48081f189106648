import { SPEC_PATH } from '../../spec/document';
import { parseCommandLine } from './config';

const run = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseCommandLine(argv, env);
  if (parsed.kind !== 'run') throw new Error(`expected a configuration, got ${JSON.stringify(parsed)}`);
  return parsed.config;
};

describe('the command line', () => {
  it('defaults to 127.0.0.1:4010, a random seed and 24h tickets', () => {
    expect(run([])).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      seed: undefined,
      ticketTtl: 86_400_000,
      maxTickets: 100_000,
    });
  });

  it.each([
    { argv: ['--port', '5000'], key: 'port', value: 5000 },
    { argv: ['--port=0'], key: 'port', value: 0 },
    { argv: ['--host', '0.0.0.0'], key: 'host', value: '0.0.0.0' },
    { argv: ['--seed', 'demo'], key: 'seed', value: 'demo' },
    { argv: ['--ticket-ttl', '90s'], key: 'ticketTtl', value: 90_000 },
    { argv: ['--ticket-ttl', '1.5h'], key: 'ticketTtl', value: 5_400_000 },
    { argv: ['--max-tickets', '10'], key: 'maxTickets', value: 10 },
    {
      argv: ['--public-url', 'https://mock.example.com/'],
      key: 'publicUrl',
      value: 'https://mock.example.com',
    },
    { argv: ['--log-format', 'json'], key: 'logFormat', value: 'json' },
  ])('reads $argv', ({ argv, key, value }) => {
    expect(run(argv)).toHaveProperty(key, value);
  });

  it('reads the environment, and lets a flag win over it', () => {
    const env = { NEXUS_MOCK_PORT: '4100', NEXUS_MOCK_HOST: '::1', NEXUS_MOCK_SEED: 'env-seed' };
    expect(run([], env)).toMatchObject({ port: 4100, host: '::1', seed: 'env-seed' });
    expect(run(['--port', '4200'], env)).toMatchObject({ port: 4200, host: '::1' });
  });

  it('serves the kit’s own document unless --spec or NEXUS_MOCK_SPEC names another, the flag winning', () => {
    expect(run([]).spec).toBe(SPEC_PATH);
    expect(run(['--spec', 'api/petstore.yaml']).spec).toBe('api/petstore.yaml');
    expect(run([], { NEXUS_MOCK_SPEC: 'env.json' }).spec).toBe('env.json');
    expect(run(['--spec=flag.yaml'], { NEXUS_MOCK_SPEC: 'env.json' }).spec).toBe('flag.yaml');
  });

  it('refuses an empty --spec', () => {
    expect(parseCommandLine(['--spec', ' '], {})).toEqual({
      kind: 'error',
      message: '--spec: must not be empty',
    });
  });

  it('ignores an empty environment variable', () => {
    expect(run([], { NEXUS_MOCK_PORT: '' }).port).toBe(4010);
  });

  it.each([
    { argv: ['--port', 'http'], message: "--port: 'http' is not a whole number" },
    { argv: ['--port', '70000'], message: '--port: 70000 is not between 0 and 65535' },
    {
      argv: ['--ticket-ttl', '3600'],
      message: "--ticket-ttl: '3600' is not a duration such as 500ms, 30s, 15m, 24h or 7d",
    },
    { argv: ['--log-format', 'xml'], message: "--log-format: 'xml' is not one of json, pretty" },
    { argv: ['--public-url', 'mock.local'], message: "--public-url: 'mock.local' is not an absolute URL" },
    {
      argv: ['--prot', '1'],
      message: expect.stringContaining("Unknown option '--prot'"),
    },
  ])('refuses $argv, saying why', ({ argv, message }) => {
    expect(parseCommandLine(argv, {})).toEqual({ kind: 'error', message });
  });

  it('refuses a headers timeout longer than the request timeout, naming both flags', () => {
    expect(parseCommandLine(['--headers-timeout', '60s'], {})).toEqual({
      kind: 'error',
      message: '--headers-timeout (60000 ms) must not be longer than --request-timeout (30000 ms)',
    });
  });

  it('names the variable when the environment is wrong', () => {
    expect(parseCommandLine([], { NEXUS_MOCK_SEED: ' ' })).toEqual({
      kind: 'error',
      message: 'NEXUS_MOCK_SEED: must not be empty',
    });
  });
});
