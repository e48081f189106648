import { loadSpec } from '../spec/document';
import { describeOperations } from '../spec/operation';
import { APPLICATION_TOKEN_HEADER, credentialHeaders, credentialsProblem } from './credentials';

describe('the credentials the client sends', () => {
  it('match the security every operation of the document asks for', () => {
    // The client's two shapes are the spec's two alternatives: Bearer with the application token
    // (an API key in a header, named here), or Basic. A change to the spec fails this test.
    for (const operation of describeOperations(loadSpec())) {
      const alternatives = operation.security.map((schemes) =>
        schemes.map((s) => (s.kind === 'apiKey' ? `apiKey:${s.in}:${s.key}` : s.kind)).sort(),
      );
      expect(alternatives).toEqual([['apiKey:header:' + APPLICATION_TOKEN_HEADER, 'bearer'], ['basic']]);
    }
  });

  it('sends a bearer token with the application token', () => {
    expect(credentialHeaders({ bearer: 'user-42', applicationToken: 'my-app' })).toEqual({
      Authorization: 'Bearer user-42',
      'X-Application-Token': 'my-app',
    });
  });

  it('sends Basic credentials in UTF-8 base64', () => {
    expect(credentialHeaders({ username: 'zoë', password: 'pä:ss' })).toEqual({
      Authorization: `Basic ${Buffer.from('zoë:pä:ss', 'utf8').toString('base64')}`,
    });
  });

  it.each([
    [null, 'credentials must be { bearer, applicationToken } or { username, password }'],
    ['token', 'credentials must be { bearer, applicationToken } or { username, password }'],
    [{ bearer: 't' }, 'got { bearer }'],
    [{ token: 't', applicationToken: 'a' }, 'got { token, applicationToken }'],
    [{ bearer: 't', applicationToken: 'a', username: 'u' }, 'got { bearer, applicationToken, username }'],
    [{ bearer: '', applicationToken: 'a' }, 'credentials.bearer must be a non-empty string'],
    [{ username: 'u', password: 7 }, 'credentials.password must be a non-empty string'],
    [
      { bearer: 't\r\nX-Evil: 1', applicationToken: 'a' },
      'credentials.bearer must not contain control characters',
    ],
    [{ username: 'a:b', password: 'p' }, 'credentials.username must not contain a colon'],
  ])('finds %j unusable', (value, message) => {
    expect(credentialsProblem(value)).toContain(message);
  });

  it.each([
    { bearer: 'user-42', applicationToken: 'my-app' },
    { username: 'alice', password: 'secret' },
  ])('takes %j', (value) => {
    expect(credentialsProblem(value)).toBeUndefined();
  });
});
