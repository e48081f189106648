/**
 * Redaction at capture, end to end: a deployment that echoes the credentials it receives, in every
 * shape, into answers of many lengths (and into a validating proxy's `sl-violations` header) leaves
 * no piece of any of them in any report. (Bodies used to be cut to 300 characters before they were
 * redacted, so a secret that crossed the cut was never matched.)
 */
import { serveOnLoopback } from '../support/loopback';
import { readSuiteConfig } from './config';
import { formatJunit } from './junit';
import { PIECE_LENGTH, secretForms } from './redact';
import { runSuite } from './run-suite';
import { formatSummary } from './summary';

const TOKEN = 'tok-Zx81QwErTy55-bearer';
const APP = 'app-Lm27PoIuYt90-token';
const USER = 'ci-user';
const PASSWORD = 'pw/Ab3+Cd4=Ef5-basic';

/** Every shape a credential of the request can take in an echo. */
function echoes(authorization: string, appToken: string): string[] {
  const raw = authorization.replace(/^\S+\s+/, '');
  const decoded = Buffer.from(raw, 'base64').toString('utf8');
  return [
    authorization,
    appToken,
    raw,
    decoded,
    encodeURIComponent(decoded),
    JSON.stringify(decoded),
    Buffer.from(appToken).toString('base64'),
    encodeURIComponent(appToken),
  ];
}

let requests = 0;
function echoServer() {
  return serveOnLoopback((req, res) => {
    requests++;
    const shapes = echoes(req.headers.authorization ?? '', String(req.headers['x-application-token'] ?? ''));
    // A different padding each time, so the secrets land at every offset of the cuts a report makes.
    const padding = 'x'.repeat((requests * 37) % 420);
    const body = JSON.stringify({
      ticketId: 7,
      emailSent: `${padding}${shapes.join('|')}`,
      ticketUrl: shapes.join(' '),
    });
    // Header values must be visible ASCII; the binary "decoding" of a bearer token is left to the body.
    const printable = shapes.filter((shape) => /^[\x20-\x7e]*$/.test(shape));
    const violations = JSON.stringify([
      { location: ['response', 'body'], message: `echo ${printable.join(' ')}` },
    ]);
    res
      .writeHead(200, {
        'Content-Type': 'application/json',
        'sl-violations': violations,
        'X-Echo': printable.join(','),
      })
      .end(body);
  });
}

/** Every piece of PIECE_LENGTH characters of every form of every secret (of the Basic pair: those that carry the password). */
function pieces(): string[] {
  const windows = (form: string, from = 0): string[] =>
    Array.from({ length: Math.max(form.length - PIECE_LENGTH + 1, 0) }, (_, i) =>
      form.slice(i, i + PIECE_LENGTH),
    ).filter((_, i) => i + PIECE_LENGTH > from);
  const pair = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
  return [
    ...[TOKEN, APP, PASSWORD].flatMap(secretForms).flatMap((form) => windows(form)),
    ...windows(pair, Math.floor(((USER.length + 1) * 8) / 6)),
  ];
}

it('leaves no piece of a credential in any report, whatever shape the deployment echoes it in', async () => {
  const server = await echoServer();
  try {
    const summary = await runSuite(
      readSuiteConfig({
        NEXUS_BASE_URL: server.url,
        NEXUS_BEARER_TOKEN: TOKEN,
        NEXUS_APPLICATION_TOKEN: APP,
        NEXUS_BASIC_USERNAME: USER,
        NEXUS_BASIC_PASSWORD: PASSWORD,
        NEXUS_ALLOW_EMAIL: 'true',
        NEXUS_CONTRACT_SEED: '5',
        NEXUS_MAX_RETRIES: '0',
        NEXUS_TIMEOUT_MS: '2000',
      }),
    );
    expect(summary.results.filter((r) => r.outcome === 'failed').length).toBeGreaterThan(5);
    expect(summary.validatorViolations.length).toBeGreaterThan(5);
    const reports = [JSON.stringify(summary), formatSummary(summary), formatJunit(summary, 0)].join('\n');
    expect(reports).toContain('[REDACTED]');
    expect(pieces().filter((piece) => reports.includes(piece))).toEqual([]);
  } finally {
    await server.close();
  }
}, 120_000);
