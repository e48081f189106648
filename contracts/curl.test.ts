import { toCurl } from './curl';

describe('toCurl', () => {
  it('writes a request as a curl command a shell reads back exactly', () => {
    expect(
      toCurl('http://127.0.0.1:4010', {
        method: 'POST',
        url: '/v1/me/mfa-enrollment?factor=it%27s',
        headers: { Authorization: 'Bearer [REDACTED]', 'X-Note': "it's" },
        body: '{"a":1}',
      }),
    ).toBe(
      `curl -i -X POST 'http://127.0.0.1:4010/v1/me/mfa-enrollment?factor=it%27s' -H 'Authorization: Bearer [REDACTED]' -H 'X-Note: it'\\''s' --data-binary '{"a":1}'`,
    );
  });
});
