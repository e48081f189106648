import { createRedactor } from './violation';

describe('createRedactor', () => {
  const redact = createRedactor(['tok-secret', 'alice:pw-secret', undefined, 'ab']);

  it.each([
    ['a token as it is', 'Authorization: Bearer tok-secret', 'Authorization: Bearer [REDACTED]'],
    [
      'Basic credentials in base64',
      `Basic ${Buffer.from('alice:pw-secret').toString('base64')}`,
      'Basic [REDACTED]',
    ],
    ['a token in base64url', Buffer.from('tok-secret').toString('base64url'), '[REDACTED]'],
    ['every occurrence', 'tok-secret tok-secret', '[REDACTED] [REDACTED]'],
  ])('removes %s', (_, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves text without secrets, and ignores secrets too short to be safe to replace', () => {
    expect(redact('about abc')).toBe('about abc');
  });
});
