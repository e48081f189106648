import path from 'node:path';
import request from 'supertest';
import { PACKAGE_ROOT } from '../../spec/document';
import { loadDocument } from '../../spec/load';
import { createApp } from '../app';
import { conformanceTo } from '../test-support/http';
import { CONFORMANCE_CHECKS, runChecks } from '../../spec/conformance/checks';
import { createCheckContext } from '../../spec/conformance/check-context';
import { compileAt, createSpecAjv } from '../../spec/schemas';
import { EVENTS } from './respond/event-stream';

/**
 * Media types beyond JSON (spec/fixtures/media.openapi.yaml), through HTTP: a multipart form
 * validated part by part, event streams and binary answers, each answer checked against the
 * document with the suite's own conformance checks.
 */
const file = path.join(PACKAGE_ROOT, 'spec', 'fixtures', 'media.openapi.yaml');
const { document } = loadDocument(file);
const app = createApp({ spec: file, seed: 'media' });
const conforms = conformanceTo(document);

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('a multipart/form-data request', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000', 'hex');

  it('is accepted part by part: text coerced to its types, files, repeated parts as lists, JSON parts', async () => {
    const res = await request(app)
      .post('/uploads')
      .field('title', 'Holiday')
      .field('count', '3')
      .field('public', 'true')
      .field('tags', 'sea')
      .field('tags', 'sun')
      .field('meta', JSON.stringify({ source: 'phone' }), { contentType: 'application/json' })
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .attach('attachments', Buffer.from('raw'), 'one.bin');
    expect(res.status).toBe(201);
    conforms('CreateUpload', res);
  });

  it('reports every violation, in the document’s own error shape', async () => {
    const res = await request(app)
      .post('/uploads')
      .field('title', 'A title much longer than twenty characters')
      .field('count', 'zero')
      .field('meta', JSON.stringify({}), { contentType: 'application/json' })
      .field('extra', 'x');
    expect(res.status).toBe(400);
    expect(json(res.text).message).toBe(
      "body 'file' is required; body 'extra' is not allowed; body 'title' must NOT have more than 20 characters; body 'count' must be integer; body 'meta.source' is required",
    );
    conforms('CreateUpload', res);
  });

  it('takes a file only where the schema takes bytes: not as a number', async () => {
    const res = await request(app)
      .post('/uploads')
      .field('title', 'x')
      .attach('file', PNG, 'a.png')
      .attach('count', Buffer.from('5'), 'five.txt');
    expect(res.status).toBe(400);
    expect(json(res.text).message).toBe("body 'count' must be integer");
    conforms('CreateUpload', res);
  });

  it.each([
    { why: 'no boundary', type: 'multipart/form-data', body: '--x--', reason: 'has no boundary parameter' },
    {
      why: 'no closing boundary',
      type: 'multipart/form-data; boundary=b1',
      body: '--b1\r\nContent-Disposition: form-data; name="title"\r\n\r\nx',
      reason: 'ends before its closing boundary',
    },
    {
      why: 'a part without a name',
      type: 'multipart/form-data; boundary=b1',
      body: '--b1\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b1--',
      reason: 'part 1 has no name',
    },
    {
      why: 'a JSON part that is not JSON',
      type: 'multipart/form-data; boundary=b1',
      body: '--b1\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{oops\r\n--b1--',
      reason: 'has a part "meta" that is not valid JSON',
    },
  ])('with $why is a 400 saying so, never a 5xx', async ({ type, body, reason }) => {
    const res = await request(app).post('/uploads').set('Content-Type', type).send(body);
    expect(res.status).toBe(400);
    expect(json(res.text).message).toContain(reason);
    conforms('CreateUpload', res);
  });

  it('over 1 MiB is refused with 413', async () => {
    const res = await request(app)
      .post('/uploads')
      .field('title', 'big')
      .attach('file', Buffer.alloc(1024 * 1024 + 1), 'big.bin');
    expect(res.status).toBe(413);
  });
});

describe('a binary answer', () => {
  /** The body as bytes, and the exchange as the suite reads it (each byte one character). */
  async function fetchBytes(url: string, accept = '*/*') {
    const res = await request(app)
      .get(url)
      .set('Accept', accept)
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          done(null, Buffer.concat(chunks));
        });
      });
    const bytes = res.body as Buffer;
    return { res: Object.assign(res, { text: bytes.toString('latin1') }), bytes };
  }

  it.each([
    {
      url: '/photos/7',
      accept: 'image/png',
      type: 'image/png',
      magic: '89504e470d0a1a0a',
      operation: 'GetPhoto',
    },
    {
      url: '/photos/7',
      accept: 'image/gif',
      type: 'image/gif',
      magic: '474946383961',
      operation: 'GetPhoto',
    },
    {
      url: '/reports/latest',
      accept: '*/*',
      type: 'application/pdf',
      magic: '255044462d',
      operation: 'GetReport',
    },
    { url: '/archive', accept: '*/*', type: 'application/octet-stream', magic: '', operation: 'GetArchive' },
  ])('in $type is a small file of that type, with its length, never JSON', async (row) => {
    const { res, bytes } = await fetchBytes(row.url, row.accept);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(row.type);
    expect(Number(res.headers['content-length'])).toBe(bytes.length);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, row.magic.length / 2).toString('hex')).toBe(row.magic);
    expect(() => JSON.parse(bytes.toString('utf8')) as unknown).toThrow();
    expect(res.headers['x-mock-decision']).toBe('spec:generated-bytes');
    conforms(row.operation, res);
  });

  it('is the same bytes for the same seed, other bytes for another', async () => {
    const first = async (seed: string) => {
      const res = await request(createApp({ spec: file, seed }))
        .get('/archive')
        .buffer(true);
      return res.body as Buffer;
    };
    expect(await first('media')).toEqual(await first('media'));
    expect(await first('media')).not.toEqual(await first('other'));
  });
});

describe('an event-stream answer', () => {
  const ajv = createSpecAjv(document);
  const valid = (schema: string) => compileAt(ajv, `#/components/schemas/${schema}`);

  /** The events of a stream: each block's fields, `data` lines joined as EventSource joins them. */
  function eventsOf(text: string): Record<string, string>[] {
    expect(text.endsWith('\n\n')).toBe(true);
    return text
      .slice(0, -2)
      .split('\n\n')
      .map((block) => {
        const event: Record<string, string> = {};
        for (const line of block.split('\n')) {
          const [field = '', ...rest] = line.split(': ');
          const value = rest.join(': ');
          event[field] = field === 'data' && event.data !== undefined ? `${event.data}\n${value}` : value;
        }
        return event;
      });
  }

  /** The suite's checks but the body's schema, which describes each event (checked by the caller). */
  function conformsBut(operationId: string, res: request.Response) {
    const { method, url } = res.request as unknown as { method: string; url: string };
    const exchange = { method, url, status: res.status, headers: res.headers, text: res.text };
    const checks = Object.fromEntries(
      Object.entries(CONFORMANCE_CHECKS).filter(([name]) => name !== 'response_schema_conformance'),
    );
    expect(runChecks(exchange, createCheckContext(document, operationId), checks)).toEqual([]);
  }

  it('is a few whole events from a schema that describes the event, then the end', async () => {
    const res = await request(app).get('/events').set('Accept', 'text/event-stream');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-mock-decision']).toBe('spec:generated-events');
    const events = eventsOf(res.text);
    expect(events).toHaveLength(EVENTS);
    const check = valid('ServerSentEvent');
    for (const event of events) {
      expect(Object.keys(event).every((field) => ['event', 'id', 'data', 'retry'].includes(field))).toBe(
        true,
      );
      expect(check(event)).toBe(true);
    }
    conformsBut('StreamEvents', res);
  });

  it('writes each event’s data as JSON where the schema describes the data', async () => {
    const res = await request(app).get('/ticks');
    expect(res.headers['content-type']).toBe('text/event-stream');
    const check = valid('Tick');
    const data = eventsOf(res.text).map((event) => JSON.parse(event.data ?? '') as unknown);
    expect(data).toHaveLength(EVENTS);
    for (const tick of data) expect(check(tick)).toBe(true);
    // Each event from its own seed: not one value three times.
    expect(new Set(data.map((tick) => JSON.stringify(tick))).size).toBeGreaterThan(1);
    conformsBut('StreamTicks', res);
  });

  it('is the same stream for the same seed', async () => {
    const first = () => request(createApp({ spec: file, seed: 'media' })).get('/ticks');
    expect((await first()).text).toBe((await first()).text);
  });

  it('writes a string schema’s values as the data’s text, and conforms as a whole', async () => {
    const res = await request(app).get('/log');
    expect(eventsOf(res.text)).toHaveLength(EVENTS);
    conforms('StreamLog', res);
  });
});

describe('vendor +json and */* media types', () => {
  it('takes and answers a vendor +json type, validated as JSON', async () => {
    const res = await request(app)
      .post('/items')
      .set('Content-Type', 'application/vnd.media.item+json')
      .send(JSON.stringify({ name: 'lamp' }));
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/vnd.media.item+json; charset=utf-8');
    conforms('CreateItem', res);
  });

  it('refuses a vendor +json body that breaks its schema, in the document’s error shape', async () => {
    const res = await request(app)
      .post('/items')
      .set('Content-Type', 'application/vnd.media.item+json')
      .send(JSON.stringify({ name: '' }));
    expect(res.status).toBe(400);
    expect(json(res.text).message).toBe("body 'name' must NOT have fewer than 1 characters");
    conforms('CreateItem', res);
  });

  it.each([
    { type: 'image/png', body: Buffer.from('89504e47', 'hex') },
    {
      type: 'multipart/form-data; boundary=b1',
      body: '--b1\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--b1--',
    },
    { type: 'text/csv', body: 'a,b' },
  ])('takes any body where the document says */*: $type', async ({ type, body }) => {
    const res = await request(app).put('/blobs/1').set('Content-Type', type).send(body);
    expect(res.status).toBe(204);
    conforms('PutBlob', res);
  });
});
