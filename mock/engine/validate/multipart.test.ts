import { parseMultipart } from './multipart';

const B = 'XyZ-boundary';
const body = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

describe('parseMultipart', () => {
  it('reads text and file parts, with their names, file names, types and exact bytes', () => {
    const read = parseMultipart(
      body(
        'preamble to ignore',
        `--${B}`,
        'Content-Disposition: form-data; name="title"',
        '',
        'Two lines\r\nof text',
        `--${B}`,
        'Content-Disposition: form-data; name="photo"; filename="a;b \\"c\\".png"',
        'Content-Type: image/png',
        '',
        '\x89PNG\r\n\x1a\n\x00\xff',
        `--${B}--`,
        'epilogue',
      ),
      B,
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.parts.map(({ name, filename, contentType }) => ({ name, filename, contentType }))).toEqual([
      { name: 'title', filename: undefined, contentType: undefined },
      { name: 'photo', filename: 'a;b "c".png', contentType: 'image/png' },
    ]);
    expect(read.parts[0]?.data.toString('utf8')).toBe('Two lines\r\nof text');
    expect(read.parts[1]?.data).toEqual(Buffer.from('\x89PNG\r\n\x1a\n\x00\xff', 'latin1'));
  });

  it('reads an empty part, repeated names and transport padding after a boundary', () => {
    const read = parseMultipart(
      body(
        `--${B}  `,
        'content-disposition: form-data; name=tag',
        '',
        'a',
        `--${B}`,
        'Content-Disposition: form-data; name="tag"',
        '',
        '',
        `--${B}--`,
      ),
      B,
    );
    expect(read.ok && read.parts.map((p) => [p.name, p.data.toString()])).toEqual([
      ['tag', 'a'],
      ['tag', ''],
    ]);
  });

  it('reads a form of no parts', () => {
    expect(parseMultipart(body(`--${B}--`), B)).toEqual({ ok: true, parts: [] });
  });

  it.each([
    { why: 'no boundary', text: body(`--${B}--`), boundary: undefined, reason: 'has no boundary parameter' },
    {
      why: 'a bad boundary',
      text: body('--a\tb--'),
      boundary: 'a\tb',
      reason: 'boundary that is not 1 to 70',
    },
    {
      why: 'another boundary',
      text: body('--other--'),
      boundary: B,
      reason: `does not contain its boundary "${B}"`,
    },
    {
      why: 'no closing boundary',
      text: body(`--${B}`, 'Content-Disposition: form-data; name="a"', '', 'x'),
      boundary: B,
      reason: 'ends before its closing boundary',
    },
    {
      why: 'no blank line after headers',
      text: body(`--${B}`, 'Content-Disposition: form-data; name="a"', `--${B}--`),
      boundary: B,
      reason: 'part 1 has no blank line after its headers',
    },
    {
      why: 'no Content-Disposition',
      text: body(`--${B}`, 'Content-Type: text/plain', '', 'x', `--${B}--`),
      boundary: B,
      reason: 'part 1 has no Content-Disposition',
    },
    {
      why: 'no name',
      text: body(`--${B}`, 'Content-Disposition: form-data; filename="a"', '', 'x', `--${B}--`),
      boundary: B,
      reason: 'part 1 has no name',
    },
    {
      why: 'not form-data',
      text: body(`--${B}`, 'Content-Disposition: attachment; name="a"', '', 'x', `--${B}--`),
      boundary: B,
      reason: 'part 1 is not form-data',
    },
    {
      why: 'a header line without a colon',
      text: body(`--${B}`, 'Content-Disposition form-data', '', 'x', `--${B}--`),
      boundary: B,
      reason: 'part 1 has a header line that is not "Name: value"',
    },
    {
      why: 'LF line breaks',
      text: Buffer.from(`--${B}\nx\n--${B}--`),
      boundary: B,
      reason: 'not followed by a line break',
    },
  ])('refuses a body with $why, saying so', ({ text, boundary, reason }) => {
    const read = parseMultipart(text, boundary);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.reason).toContain(reason);
    expect(read.ok ? '' : read.reason).toMatch(/^is not valid multipart\/form-data: it /);
  });
});
