import { isHost } from './base-url';

describe('isHost', () => {
  it.each(['127.0.0.1:4010', 'localhost', 'mock.example.com:8443', '[::1]:4010', '[2001:db8::1]'])(
    'accepts %s',
    (host) => {
      expect(isHost(host)).toBe(true);
    },
  );

  // Regression (found by the fuzz suite): `Host: [.]` made the ticketUrl `http://[.]/enrollment/...`.
  it.each([
    '[.]',
    '[1]',
    '[:]',
    '[::::]',
    '[5.e]',
    '[..8.:]:05',
    'evil.example/<script>',
    'a b',
    'host:99999',
    '-lead.example',
    '',
  ])('refuses %p', (host) => {
    expect(isHost(host)).toBe(false);
  });
});
