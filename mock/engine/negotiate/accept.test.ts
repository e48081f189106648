import { negotiateMediaType } from './accept';

const JSON_AND_CSV = ['application/json', 'text/csv'];

describe('negotiateMediaType', () => {
  it.each([
    { accept: undefined, chosen: 'application/json' },
    { accept: '', chosen: 'application/json' },
    { accept: '*/*', chosen: 'application/json' },
    { accept: 'text/csv', chosen: 'text/csv' },
    { accept: 'TEXT/CSV', chosen: 'text/csv' },
    { accept: 'text/*', chosen: 'text/csv' },
    { accept: 'text/csv;q=0.5, application/json', chosen: 'application/json' },
    { accept: 'application/json;q=0.2, text/csv;q=0.8', chosen: 'text/csv' },
    { accept: 'application/json;q=0.5, text/csv;q=0.5', chosen: 'application/json' },
    { accept: '*/*;q=0.1, text/csv;q=0', chosen: 'application/json' },
    { accept: 'application/*, text/csv;q=0.9', chosen: 'application/json' },
    { accept: 'application/xml', chosen: undefined },
    { accept: 'application/json;q=0, text/csv;q=0', chosen: undefined },
    { accept: 'not a media range', chosen: 'application/json' },
  ])('picks $chosen for Accept: $accept', ({ accept, chosen }) => {
    expect(negotiateMediaType(accept, JSON_AND_CSV)).toBe(chosen);
  });

  it('lets a more specific range override a broader one', () => {
    expect(negotiateMediaType('text/*;q=0.9, text/csv;q=0', JSON_AND_CSV)).toBeUndefined();
  });

  it('has nothing to pick for a response without content', () => {
    expect(negotiateMediaType('*/*', [])).toBeUndefined();
  });
});
