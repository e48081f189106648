import type { Carrier, Schema } from './schema-values';
import { primaryType } from './schema-values';
import { PercentEncoded } from './call-input';

/**
 * Values where deployments break (issue 18), valid or not: a server may refuse any of them with a
 * documented 4xx, but never answer with a 5xx. Lengths at and past the documented bounds and far
 * beyond them, text that is not ASCII (multi-byte, right-to-left, emoji, NUL and control
 * characters), percent-encodings that are not UTF-8, empty values, and numbers at and past the
 * int32, int64 and double limits.
 */
export interface EdgeValue {
  readonly value: string | PercentEncoded;
  readonly why: string;
}

/** Far past any bound a document gives, and still within what a URL or header line may carry. */
export const LONG_LENGTH = 10_000;

const NON_ASCII: readonly EdgeValue[] = [
  { value: 'é', why: 'a two-byte character' },
  { value: 'Привет', why: 'Cyrillic' },
  { value: 'مرحبا', why: 'right-to-left text' },
  { value: '\u202eabc', why: 'a right-to-left override' },
  { value: '🙂👍🏽', why: 'emoji' },
  { value: '名前', why: 'three-byte characters' },
  { value: 'a\u0000b', why: 'a NUL character' },
  { value: '\u0007\u001b[31m\r\n', why: 'control characters' },
];

const NOT_UTF8: readonly EdgeValue[] = [
  { value: new PercentEncoded('%FF%FE'), why: 'a percent-encoding that is not UTF-8' },
  { value: new PercentEncoded('caf%E9'), why: 'Latin-1 percent-encoded' },
  { value: new PercentEncoded('%C0%AF'), why: 'an overlong UTF-8 encoding' },
  { value: new PercentEncoded('%'), why: 'a lone percent sign' },
  { value: new PercentEncoded('%zz'), why: 'a percent sign without hex digits' },
];

const NUMBERS: readonly EdgeValue[] = [
  { value: '2147483647', why: 'the largest int32' },
  { value: '2147483648', why: 'past int32' },
  { value: '-2147483649', why: 'below int32' },
  { value: '9223372036854775807', why: 'the largest int64' },
  { value: '9223372036854775808', why: 'past int64' },
  { value: '-9223372036854775809', why: 'below int64' },
  { value: '1.7976931348623157e308', why: 'the largest double' },
  { value: '1e309', why: 'past the largest double' },
  { value: '5e-324', why: 'the smallest double' },
  { value: '1e-400', why: 'below the smallest double' },
  { value: '-0', why: 'negative zero' },
  { value: 'NaN', why: 'NaN' },
  { value: 'Infinity', why: 'Infinity' },
];

/** The edge values for one parameter or body field, by what its schema says and where it travels. */
export function edgeValues(schema: Schema, carrier: Carrier): EdgeValue[] {
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const lengths: EdgeValue[] = [
    // An empty path segment is another path, not this operation with an empty value.
    ...(carrier === 'path' ? [] : [{ value: '', why: 'empty' }]),
    { value: 'a', why: 'one character' },
    ...(maxLength === undefined || maxLength > LONG_LENGTH
      ? []
      : [
          { value: 'a'.repeat(maxLength), why: `the maximum length ${maxLength}` },
          { value: 'a'.repeat(maxLength + 1), why: `past the maximum length ${maxLength}` },
        ]),
    { value: 'a'.repeat(LONG_LENGTH), why: `${LONG_LENGTH} characters` },
  ];
  const type = primaryType(schema);
  const numeric = type === 'integer' || type === 'number' ? NUMBERS : [];
  // A header carries visible ASCII only: anything else would fail in the client, not the server.
  if (carrier === 'header' || carrier === 'cookie') return [...lengths, ...numeric];
  return [...lengths, ...numeric, ...NON_ASCII, ...(carrier === 'body' ? [] : NOT_UTF8)];
}

/** JSON bodies that are deep or large: nesting a recursive parser may not survive, and a megabyte of text. */
export function edgeBodies(): { text: string; why: string }[] {
  const depth = 10_000;
  return [
    { text: `${'['.repeat(depth)}${']'.repeat(depth)}`, why: `JSON nested ${depth} deep` },
    { text: `{"a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth + 1)}`, why: `objects nested ${depth} deep` },
    { text: JSON.stringify({ a: 'a'.repeat(1024 * 1024) }), why: 'a 1 MB string' },
    { text: JSON.stringify(Array.from({ length: 100_000 }, (_, i) => i)), why: 'an array of 100 000 items' },
  ];
}
