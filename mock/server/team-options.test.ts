import { helpText, parseCommandLine } from './config';
import { exposureWarning } from './exposure';
import { redactStoreUrl } from './team-options';

const run = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseCommandLine(argv, env);
  if (parsed.kind !== 'run') throw new Error(`expected a configuration, got ${JSON.stringify(parsed)}`);
  return parsed.config;
};

describe('the options of a shared deployment', () => {
  it('keeps state in memory, answers loopback names and asks no admin token by default', () => {
    expect(run([])).toMatchObject({
      store: 'memory',
      sessionTtl: undefined,
      allowedHosts: undefined,
      adminToken: undefined,
    });
  });

  it.each([
    { argv: ['--store', 'redis://127.0.0.1:6379'], key: 'store', value: 'redis://127.0.0.1:6379' },
    { argv: ['--store', 'redis://redis:6379/3'], key: 'store', value: 'redis://redis:6379/3' },
    {
      argv: ['--store', 'rediss://:pw@cache.example:6380'],
      key: 'store',
      value: 'rediss://:pw@cache.example:6380',
    },
    { argv: ['--session-ttl', '72h'], key: 'sessionTtl', value: 259_200_000 },
    {
      argv: ['--allowed-hosts', 'Mock.LAN, .preview.example,10.0.0.5,::1'],
      key: 'allowedHosts',
      value: ['mock.lan', '.preview.example', '10.0.0.5', '[::1]'],
    },
    { argv: ['--admin-token', 'T0k3n!'], key: 'adminToken', value: 'T0k3n!' },
  ])('reads $argv', ({ argv, key, value }) => {
    expect(run(argv)).toHaveProperty(key, value);
  });

  it('reads each from its NEXUS_MOCK_* variable', () => {
    expect(
      run([], {
        NEXUS_MOCK_STORE: 'redis://r:1/2',
        NEXUS_MOCK_SESSION_TTL: '3d',
        NEXUS_MOCK_ALLOWED_HOSTS: 'a.example',
        NEXUS_MOCK_ADMIN_TOKEN: 'env-token',
      }),
    ).toMatchObject({
      store: 'redis://r:1/2',
      sessionTtl: 259_200_000,
      allowedHosts: ['a.example'],
      adminToken: 'env-token',
    });
  });

  it.each([
    {
      argv: ['--store', 'postgres://db'],
      message: "--store: 'postgres://db' is not memory or a redis://HOST:PORT[/DB] URL",
    },
    { argv: ['--store', 'redis'], message: "--store: 'redis' is not memory or a redis://HOST:PORT[/DB] URL" },
    {
      argv: ['--store', 'redis://h:1/x'],
      message: "--store: 'redis://h:1/x': the database must be a number, as in redis://HOST:PORT/2",
    },
    {
      argv: ['--store', 'redis://:hunter2@h:1/x'],
      message:
        "--store: 'redis://:[REDACTED]@h:1/x': the database must be a number, as in redis://HOST:PORT/2",
    },
    {
      argv: ['--allowed-hosts', 'evil.example:80'],
      message:
        "--allowed-hosts: 'evil.example:80' is not a host name or an IP address (give names without a port)",
    },
    { argv: ['--allowed-hosts', ' , '], message: '--allowed-hosts: must name at least one host' },
    {
      argv: ['--admin-token', 'two words'],
      message:
        '--admin-token: must be printable ASCII without spaces (it travels as Authorization: Bearer TOKEN)',
    },
    {
      argv: ['--session-ttl', '1h'],
      message: '--session-ttl (3600000 ms) must not be shorter than --ticket-ttl (86400000 ms)',
    },
  ])('refuses $argv, saying why', ({ argv, message }) => {
    expect(parseCommandLine(argv, {})).toEqual({ kind: 'error', message });
  });

  it('lists each option in --help with its variable', () => {
    const help = helpText();
    for (const [flag, env] of [
      ['--store', 'NEXUS_MOCK_STORE'],
      ['--session-ttl', 'NEXUS_MOCK_SESSION_TTL'],
      ['--allowed-hosts', 'NEXUS_MOCK_ALLOWED_HOSTS'],
      ['--admin-token', 'NEXUS_MOCK_ADMIN_TOKEN'],
    ])
      expect(help).toMatch(new RegExp(`${flag} [^\\n]+\\n[^\\n]+\\n\\s+env ${env},`));
  });

  it.each([
    ['redis://:hunter2@h:1', 'redis://:[REDACTED]@h:1'],
    ['redis://user:hunter2@h:1/0', 'redis://user:[REDACTED]@h:1/0'],
    ['redis://hunter2@h:1', 'redis://[REDACTED]@h:1'],
    ['redis://h:1/0', 'redis://h:1/0'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactStoreUrl(url)).toBe(shown);
  });

  it.each([
    ['0.0.0.0', undefined, true],
    ['::', undefined, true],
    ['192.168.1.4', undefined, true],
    ['0.0.0.0', 'token', false],
    ['127.0.0.1', undefined, false],
    ['::1', undefined, false],
  ])('warns at start on %s with token %s: %s', (host, adminToken, warns) => {
    const warning = exposureWarning({ host, adminToken });
    expect(warning !== undefined).toBe(warns);
    if (warning !== undefined) expect(warning).toContain(`listening on ${host} without --admin-token`);
  });
});
