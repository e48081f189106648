import { createRedactor, excerpt, PIECE_LENGTH, REDACTED, secretForms } from './redact';

const TOKEN = 'tok-9f8e7d6c5b4a3f2e1d0c';
const PASSWORD = 'pw/secret+value=42';
const redact = createRedactor({
  secrets: [TOKEN, PASSWORD, undefined, 'ab'],
  basicPairs: [{ username: 'alice', password: PASSWORD }],
});

/** Every window of PIECE_LENGTH characters of every form of the secrets: none may survive. */
function leaks(text: string): string[] {
  const forms = [TOKEN, PASSWORD, `alice:${PASSWORD}`].flatMap(secretForms);
  const windows = forms.flatMap((f) =>
    f.length < PIECE_LENGTH
      ? [f]
      : Array.from({ length: f.length - PIECE_LENGTH + 1 }, (_, i) => f.slice(i, i + PIECE_LENGTH)),
  );
  return windows.filter((w) => text.includes(w));
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('createRedactor', () => {
  it.each([
    ['a token as it is', `Authorization: Bearer ${TOKEN}`],
    ['Basic credentials in base64', `Basic ${base64(`alice:${PASSWORD}`)}`],
    ['a token in base64, and in base64url', `${base64(TOKEN)} ${Buffer.from(TOKEN).toString('base64url')}`],
    [
      'a token inside a longer base64 text, at each alignment',
      [0, 1, 2].map((n) => base64(`${'x'.repeat(n)}${TOKEN}!`)).join(' '),
    ],
    [
      'a password percent-encoded and form-encoded',
      `${encodeURIComponent(PASSWORD)} ${new URLSearchParams({ p: PASSWORD }).toString()}`,
    ],
    ['a password JSON-escaped', JSON.stringify({ echo: PASSWORD })],
    ['a password with \\u escapes (System.Text.Json)', 'pw\\u002Fsecret\\u002Bvalue\\u003D42'],
    ['a password percent-encoded in lower case (.NET)', 'pw%2fsecret%2bvalue%3d42'],
    ['a password HTML-escaped', `<p>${PASSWORD.replace(/\//g, '/')}</p>`],
    ['every occurrence', `${TOKEN} and ${TOKEN}`],
    ['a piece of a token cut at the start', `...${TOKEN.slice(7)}`],
    ['a piece of a token cut at the end', `${TOKEN.slice(0, 12)}…`],
  ])('removes %s', (_, text) => {
    const out = redact(text);
    expect(leaks(out)).toEqual([]);
    expect(out).toContain(REDACTED);
  });

  it('keeps the text around a secret, and replaces a run of secret text once', () => {
    expect(redact(`before ${TOKEN} after`)).toBe(`before ${REDACTED} after`);
  });

  it('leaves text without secrets', () => {
    expect(redact('a plain text, alice')).toBe('a plain text, alice');
  });

  it('removes a short secret whole wherever it occurs, in any letter case (the start-up warning says so)', () => {
    const short = createRedactor({ secrets: ['app', 'pw', 'json'] });
    expect(short('application/json; PW=1')).toBe(`${REDACTED}lication/${REDACTED}; ${REDACTED}=1`);
  });

  it('matches a secret echoed in another letter case, as header names come back lower-cased', () => {
    expect(redact(`Received headers: ${TOKEN.toUpperCase()}, ${TOKEN.slice(2, 14).toLowerCase()}`)).toBe(
      `Received headers: ${REDACTED}, ${REDACTED}`,
    );
  });

  it('leaves a marker already there intact when a short secret occurs in it', () => {
    const short = createRedactor({ secrets: ['red', 'act'] });
    expect(short(short('red fox, act now'))).toBe(`${REDACTED} fox, ${REDACTED} now`);
  });
});

describe('excerpt', () => {
  it('cuts a long text, then redacts it, leaving no piece of a secret that crosses the cut', () => {
    for (let at = 280; at < 310; at++) {
      const text = `${'x'.repeat(at)}${TOKEN}${'y'.repeat(5000)}`;
      const out = excerpt(text, 300, redact);
      expect(leaks(out)).toEqual([]);
      expect(out.length).toBeLessThan(340);
      expect(out).toMatch(/… \(\d+ characters\)$/);
    }
  });

  it('keeps a short text whole, redacted', () => {
    expect(excerpt(`a ${TOKEN}`, 300, redact)).toBe(`a ${REDACTED}`);
  });

  it("leaves pieces of a secret that occur in the run's own public texts (its session name)", () => {
    const redactor = createRedactor({ secrets: ['contract-password'], publicTexts: ['contracts-1234'] });
    expect(redactor('/enrollment/t-1?session=contracts-1234')).toBe('/enrollment/t-1?session=contracts-1234');
    expect(redactor('echo contract-password')).toBe(`echo ${REDACTED}`);
  });

  it('leaves a Basic user name alone, and the readable parts of a JWT (its signature is the secret)', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLXNlY3JldA';
    const redactJwt = createRedactor({
      secrets: [jwt],
      basicPairs: [{ username: 'longusername', password: 'pw-123456789' }],
    });
    const other = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvdGhlciJ9.b3RoZXI';
    expect(redactJwt(`user longusername, token ${other}`)).toBe(`user longusername, token ${other}`);
    expect(redactJwt(`token ${jwt}`)).toBe(`token ${REDACTED}`);
    expect(redactJwt(`cut ${jwt.slice(-14)}`)).toBe(`cut ${REDACTED}`);
  });

  it('removes every secret from bodies of every length, cut anywhere (the truncation that leaked)', () => {
    const echoed = [
      TOKEN,
      base64(`alice:${PASSWORD}`),
      encodeURIComponent(PASSWORD),
      JSON.stringify(PASSWORD),
    ].join('|');
    for (let padding = 0; padding < 400; padding += 37) {
      const body = `${'x'.repeat(padding)}${echoed}${'y'.repeat(padding)}`;
      const out = redact(body);
      expect(leaks(out)).toEqual([]);
      // Cutting after redaction cannot expose a piece either.
      for (const cut of [50, 120, 300]) expect(leaks(out.slice(0, cut))).toEqual([]);
    }
  });
});
