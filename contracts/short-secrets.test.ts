/**
 * The verdict never depends on the credentials' values (issue 18): checks judge the raw answer and
 * only what the run writes is redacted. With an application token `app`, a password `pw` and a
 * bearer `json`, redaction at capture once turned `application/json` into `[REDACTED]lication/json`
 * before the content-type check ran, and the suite failed a correct server and its own mock.
 */
import { serveOnLoopback } from '../support/loopback';
import { readSuiteConfig, shortSecretWarnings } from './config';
import { formatJunit } from './junit';
import { startReferenceServer } from './mutants/reference-server';
import { runSuite } from './run-suite';
import type { RunSummary } from './summary';
import { formatSummary } from './summary';

const SHORT = { token: 'json', applicationToken: 'app', username: 'ci', password: 'pw' };
const SHORT_ENV = {
  NEXUS_BEARER_TOKEN: SHORT.token,
  NEXUS_APPLICATION_TOKEN: SHORT.applicationToken,
  NEXUS_BASIC_USERNAME: SHORT.username,
  NEXUS_BASIC_PASSWORD: SHORT.password,
  NEXUS_ALLOW_EMAIL: 'true',
  NEXUS_ALLOW_UNSAFE_METHODS: 'true',
  NEXUS_CONTRACT_SEED: '18',
};

const failures = (summary: RunSummary) =>
  summary.results.filter((r) => r.outcome === 'failed').map((r) => `${r.id}: ${r.reason ?? ''}`);

/** Everything a run writes about the deployment's answers. */
const written = (summary: RunSummary): string =>
  [JSON.stringify(summary), formatSummary(summary), formatJunit(summary, 0)].join('\n');

describe('a run with short, common secrets', () => {
  it('passes against the in-process mock', async () => {
    const summary = await runSuite(readSuiteConfig(SHORT_ENV));
    expect(failures(summary)).toEqual([]);
  }, 60_000);

  it('passes against a correct server that checks those credentials', async () => {
    const server = await startReferenceServer({ user: SHORT });
    try {
      const summary = await runSuite(
        readSuiteConfig({
          ...SHORT_ENV,
          NEXUS_BASE_URL: server.url,
          NEXUS_CHECK_WRONG_CREDENTIALS: 'true',
        }),
      );
      expect(failures(summary)).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('warns once per short secret at start-up, naming the variable and never the value', () => {
    const warnings = shortSecretWarnings({ ...SHORT_ENV, NEXUS_API_KEY_QUERYKEY: 'k1' });
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toContain('NEXUS_APPLICATION_TOKEN is shorter than 8 characters');
    expect(warnings.join('\n')).toContain('NEXUS_API_KEY_QUERYKEY');
    expect(shortSecretWarnings({ NEXUS_BEARER_TOKEN: 'a-long-enough-token' })).toEqual([]);
  });
});

const TOKEN = 'Tok3nZx81QwErTy55Bearer';
const APP = 'AppLm27PoIuYt90Token';

/**
 * Echoes the credentials it receives as header names, header values, a Location and a Set-Cookie,
 * in a body that fails every schema, and every other time in a 401 without a challenge (whose
 * failure lists the received header names).
 */
function headerEchoServer() {
  let requests = 0;
  return serveOnLoopback((req, res) => {
    const bearer = (req.headers.authorization ?? '').replace(/^\S+\s+/, '');
    const app = String(req.headers['x-application-token'] ?? '');
    const names = [bearer, app].filter((value) => /^[\w-]+$/.test(value));
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-Echo', `${req.headers.authorization ?? ''} ${app}`],
      ['Location', `/elsewhere?token=${encodeURIComponent(bearer)}&app=${encodeURIComponent(app)}`],
      ['Set-Cookie', `session=${bearer}.${app}; Path=/; HttpOnly`],
      ...names.map((name): [string, string] => [name, '1']),
      ...names.map((name): [string, string] => [`x-${name}-seen`, '1']),
    ];
    for (const [name, value] of headers) res.setHeader(name, value);
    res.statusCode = ++requests % 2 === 0 ? 401 : 200;
    res.end(JSON.stringify({ unexpected: `${bearer} ${app}` }));
  });
}

it('leaves no credential, in any letter case, in what it writes when a deployment echoes them in headers', async () => {
  const server = await headerEchoServer();
  try {
    const summary = await runSuite(
      readSuiteConfig({
        NEXUS_BASE_URL: server.url,
        NEXUS_BEARER_TOKEN: TOKEN,
        NEXUS_APPLICATION_TOKEN: APP,
        NEXUS_CONTRACT_SEED: '3',
        NEXUS_MAX_RETRIES: '0',
      }),
    );
    const reports = written(summary).toLowerCase();
    // The header check lists the received header names: the echoed ones are there, redacted.
    expect(reports).toContain('received headers');
    expect(failures(summary).length).toBeGreaterThan(3);
    for (const secret of [TOKEN, APP]) {
      const pieces = Array.from({ length: secret.length - 7 }, (_, i) =>
        secret.slice(i, i + 8).toLowerCase(),
      );
      expect(pieces.filter((piece) => reports.includes(piece))).toEqual([]);
    }
  } finally {
    await server.close();
  }
}, 60_000);

it('keeps short secrets out of every reason, whatever the deployment echoes', async () => {
  const server = await headerEchoServer();
  try {
    const summary = await runSuite(
      readSuiteConfig({ ...SHORT_ENV, NEXUS_BASE_URL: server.url, NEXUS_MAX_RETRIES: '0' }),
    );
    const reasons = summary.results.map((r) => r.reason ?? '').join('\n');
    expect(failures(summary).length).toBeGreaterThan(3);
    expect(reasons).toContain('[REDACTED]');
    // A short secret is replaced wherever its letters occur, so none of them is left in any case.
    expect(reasons.replaceAll('[REDACTED]', '')).not.toMatch(/json|app|pw/i);
  } finally {
    await server.close();
  }
}, 60_000);

it('sends no credential to another origin when a deployment redirects', async () => {
  const seen: string[] = [];
  const elsewhere = await serveOnLoopback((req, res) => {
    const carried = [req.headers.authorization, req.headers['x-application-token'], req.headers.cookie];
    seen.push(...carried.filter((value): value is string => value !== undefined));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  let status = 0;
  const redirecting = await serveOnLoopback((req, res) => {
    const codes = [301, 302, 303, 307, 308];
    status = codes[(codes.indexOf(status) + 1) % codes.length] ?? 302;
    res.writeHead(status, { Location: `${elsewhere.url}${req.url ?? '/'}` }).end();
  });
  try {
    const summary = await runSuite(
      readSuiteConfig({
        NEXUS_BASE_URL: redirecting.url,
        NEXUS_BEARER_TOKEN: TOKEN,
        NEXUS_APPLICATION_TOKEN: APP,
        NEXUS_BASIC_USERNAME: 'ci-user',
        NEXUS_BASIC_PASSWORD: 'a-basic-password',
        NEXUS_CONTRACT_SEED: '4',
        NEXUS_MAX_RETRIES: '0',
      }),
    );
    expect(summary.requests).toBeGreaterThan(10);
    expect(seen).toEqual([]);
  } finally {
    await redirecting.close();
    await elsewhere.close();
  }
}, 60_000);
