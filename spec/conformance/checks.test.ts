import { documentedMedia, mediaTypeMatches } from './checks';

describe('mediaTypeMatches', () => {
  it.each([
    ['application/json', 'application/json', true],
    ['Application/JSON', 'application/json', true],
    ['application/json; charset=utf-8', 'application/json', true],
    ['application/*', 'application/problem+json', true],
    ['*/*', 'text/csv', true],
    ['application/json', 'application/problem+json', false],
    ['text/*', 'application/json', false],
  ])('%s documents %s: %p', (documented, received, expected) => {
    expect(mediaTypeMatches(documented, received)).toBe(expected);
  });
});

describe('documentedMedia', () => {
  it('prefers the exact media type to a range', () => {
    const content = [{ mediaType: '*/*' }, { mediaType: 'application/json; charset=utf-8' }];
    expect(documentedMedia(content, 'application/json')).toBe(content[1]);
    expect(documentedMedia(content, 'text/plain')).toBe(content[0]);
  });
});
