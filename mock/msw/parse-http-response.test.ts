import { parseHttpResponse } from './parse-http-response';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('parseHttpResponse', () => {
  it.each([
    ['a Content-Length body', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}', 'GET', '{}'],
    [
      'a chunked body',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{"\r\n4\r\na":1\r\n1\r\n}\r\n0\r\n\r\n',
      'GET',
      '{"a":1}',
    ],
    ['a body up to the end of the connection', 'HTTP/1.1 200 OK\r\n\r\nuntil close', 'GET', 'until close'],
    ['no body for HEAD', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n', 'HEAD', ''],
    ['no body for 204', 'HTTP/1.1 204 No Content\r\n\r\n', 'DELETE', ''],
    [
      'the answer after an interim 100',
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx',
      'POST',
      'x',
    ],
  ])('reads %s', (_name, raw, method, body) => {
    expect(parseHttpResponse(bytes(raw), method)?.body.toString('latin1')).toBe(body);
  });

  it('keeps repeated headers, in order', () => {
    const parsed = parseHttpResponse(
      bytes('HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n'),
      'GET',
    );
    expect(parsed?.headers).toEqual([
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ]);
    expect(parsed?.statusText).toBe('OK');
  });

  it.each([
    ['nothing', ''],
    ['headers cut off', 'HTTP/1.1 200 OK\r\nContent-Le'],
    ['something that is not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n'],
  ])('finds no answer in %s', (_name, raw) => {
    expect(parseHttpResponse(bytes(raw), 'GET')).toBeUndefined();
  });
});
