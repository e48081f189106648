import request from 'supertest';
import { createApp } from '../app';
import type { Logger } from '../logger';
import { basic, bearer, enroll, jwt } from '../test-support/http';

function recordingApp() {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const record = (fields: object, message: string): void => {
    lines.push({ fields: fields as Record<string, unknown>, message });
  };
  const logger: Logger = { info: record, warn: record, error: record };
  return { app: createApp({ seed: 'log', logger }), lines };
}

describe('the request log', () => {
  it('writes one line per request with what happened', async () => {
    const { app, lines } = recordingApp();
    await enroll(app, { query: 'isInteractive=true', headers: { ...basic('alice'), 'User-Agent': 'jest' } });
    await request(app).get('/__admin/health');
    expect(lines).toEqual([
      {
        message: 'request',
        fields: expect.objectContaining({
          method: 'POST',
          url: '/v1/me/mfa-enrollment?isInteractive=true',
          status: 200,
          session: 'default',
          userId: 'alice',
          decision: 'ticket:created',
          durationMs: expect.any(Number),
          headers: { 'user-agent': 'jest', 'content-length': '0', authorization: 'Basic [REDACTED]' },
        }),
      },
      {
        message: 'request',
        fields: expect.objectContaining({ method: 'GET', url: '/__admin/health', status: 200 }),
      },
    ]);
  });

  it('never holds a bearer token, an application token, a JWT or a Basic password', async () => {
    const { app, lines } = recordingApp();
    const token = jwt({ sub: 'user-1', secret: 'jwt-claim-secret' });
    await enroll(app, { headers: bearer(token, 'app-token-secret') });
    await enroll(app, { headers: basic('bob', 'basic-password-secret') });
    await enroll(app, {
      headers: { Authorization: 'Bearer opaque-but-no-app-token', Cookie: 'sid=cookie-secret' },
    });
    // A bare token (no scheme) must not be mistaken for a scheme and logged.
    await enroll(app, { headers: { Authorization: 'bare-token-secret-123', 'X-Application-Token': 'a' } });
    const text = JSON.stringify(lines);
    for (const secret of [
      token,
      'jwt-claim-secret',
      'app-token-secret',
      'basic-password-secret',
      Buffer.from('bob:basic-password-secret').toString('base64'),
      'cookie-secret',
      'bare-token-secret-123',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(lines.map((l) => l.fields.headers)).toEqual([
      expect.objectContaining({ authorization: 'Bearer [REDACTED]', 'x-application-token': '[REDACTED]' }),
      expect.objectContaining({ authorization: 'Basic [REDACTED]' }),
      expect.not.objectContaining({ cookie: expect.anything() }),
      expect.objectContaining({ authorization: '[REDACTED]' }),
    ]);
  });
});
