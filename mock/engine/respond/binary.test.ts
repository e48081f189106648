import { binaryBody, isBinary } from './binary';
import { describesEvent, eventStreamText } from './event-stream';

describe('isBinary', () => {
  it.each([
    { mediaType: 'image/png', schema: undefined, binary: true },
    { mediaType: 'image/svg+xml', schema: undefined, binary: false },
    { mediaType: 'application/pdf', schema: undefined, binary: true },
    { mediaType: 'application/octet-stream', schema: { type: 'string' }, binary: true },
    { mediaType: 'application/x-custom', schema: { type: 'string', format: 'binary' }, binary: true },
    { mediaType: '*/*', schema: { contentMediaType: 'application/zip' }, binary: true },
    { mediaType: '*/*', schema: { contentMediaType: 'image/png', contentEncoding: 'base64' }, binary: false },
    { mediaType: 'application/json', schema: { type: 'string', format: 'binary' }, binary: false },
    { mediaType: 'text/plain', schema: { type: 'string', format: 'binary' }, binary: false },
    { mediaType: 'application/x-custom', schema: { type: 'string' }, binary: false },
  ])('$mediaType with $schema is bytes: $binary', ({ mediaType, schema, binary }) => {
    expect(isBinary(mediaType, schema)).toBe(binary);
  });

  it('answers image/* with the PNG it says it is', () => {
    expect(binaryBody('image/*', 1).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('event streams', () => {
  it.each([
    { schema: { properties: { data: {}, event: {}, id: {} } }, event: true },
    { schema: { properties: { data: {}, retry: {} } }, event: true },
    { schema: { properties: { event: {}, id: {} } }, event: false },
    { schema: { properties: { data: {}, name: {} } }, event: false },
    { schema: { type: 'string' }, event: false },
  ])('a schema with $schema.properties describes a whole event: $event', ({ schema, event }) => {
    expect(describesEvent(schema)).toBe(event);
  });

  it('writes fields on lines of their own, data split on line breaks, JSON for other values', () => {
    expect(
      eventStreamText(
        [{ event: 'a\nb', id: 'x\0', retry: 10, data: 'one\r\ntwo' }, { data: { n: 1 } }],
        true,
      ),
    ).toBe('event: a b\nid: x\nretry: 10\ndata: one\ndata: two\n\ndata: {"n":1}\n\n');
    expect(eventStreamText([{ n: 1 }, 'text'], false)).toBe('data: {"n":1}\n\ndata: text\n\n');
  });
});
