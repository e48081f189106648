import path from 'node:path';
import request from 'supertest';
import { PACKAGE_ROOT } from '../../spec/document';
import { loadDocument } from '../../spec/load';
import { createApp } from '../app';
import { conformanceTo } from '../test-support/http';

/**
 * Documents written as real API descriptions are (spec/fixtures/): OpenAPI 3.0 and Swagger 2.0,
 * several files, OAuth 2 and the other scheme types, JSON Schema 2020-12's keywords, errors in the
 * API's own shape. Each is served through HTTP and every answer checked against the document with
 * the suite's own conformance checks.
 */
const fixture = (...parts: string[]) => path.join(PACKAGE_ROOT, 'spec', 'fixtures', ...parts);

function served(file: string) {
  const loaded = loadDocument(file);
  return { app: createApp({ spec: file, seed: 'real' }), conforms: conformanceTo(loaded.document), loaded };
}

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('an OpenAPI 3.0 document (nullable, boolean exclusiveMinimum, OAuth 2, its own error shape)', () => {
  const { app, conforms, loaded } = served(fixture('legacy-3.0.openapi.yaml'));
  const BEARER = { Authorization: 'Bearer user-1' };

  it('is served as upgraded to 3.1, and says so once', () => {
    expect(loaded.version).toBe('3.0');
    expect(loaded.warnings).toEqual(['OpenAPI 3.0 document read as OpenAPI 3.1 (upgraded in memory)']);
    expect(app.served).toEqual(
      expect.objectContaining({ title: 'Legacy Devices', version: '2.4', openapi: '3.0', operations: 3 }),
    );
  });

  it('accepts an OAuth 2 bearer token and shows the scopes it asks for without enforcing them', async () => {
    const res = await request(app).get('/devices').set(BEARER);
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-decision']).toBe('spec:generated; oauth2 scopes=devices:read');
    conforms('ListDevices', res);
  });

  it('is reachable under its server URL’s base path as well as at the root', async () => {
    const res = await request(app).get('/v2/devices/dev-1').set(BEARER);
    expect(res.status).toBe(200);
    expect(json(res.text)).toEqual({ id: 'dev-1', name: 'Kitchen', nickname: null, battery: 80 });
    conforms('GetDevice', res);
  });

  it('takes null where 3.0 says nullable, and leaves a readOnly id out of what a request must send', async () => {
    const res = await request(app).post('/devices').set(BEARER).send({ name: 'Hall', nickname: null });
    expect(res.status).toBe(201);
    expect(res.headers.location).toEqual(expect.any(String));
    conforms('CreateDevice', res);
  });

  it('refuses with the document’s own error shape, the reason in its message', async () => {
    const res = await request(app).get('/devices?limit=0').set(BEARER);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json(res.text).message).toBe("query parameter 'limit' must be > 0");
    conforms('ListDevices', res);
  });

  it('answers a request without credentials 401, challenging with the scopes, in the document’s shape', async () => {
    const res = await request(app).get('/devices');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="Nexus", scope="devices:read"');
    expect(json(res.text).message).toMatch(/^No credentials were sent/);
    conforms('ListDevices', res);
  });

  it('answers a forced error in the document’s shape too', async () => {
    const res = await request(app).get('/devices/dev-1').set(BEARER).set('Prefer', 'code=404');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    conforms('GetDevice', res);
  });
});

describe('a Swagger 2.0 document (body and form parameters, Basic and a query API key)', () => {
  const { app, conforms } = served(fixture('swagger-2.0.openapi.json'));
  const BASIC = { Authorization: `Basic ${Buffer.from('ann:pw').toString('base64')}` };

  it('reads a body parameter as the JSON request body', async () => {
    const res = await request(app).post('/api/notes').set(BASIC).send({ text: 'Buy milk' });
    expect(res.status).toBe(200);
    conforms('createNote', res);
  });

  it.each([
    { form: 'tag=home&weight=2', status: 204 },
    { form: 'weight=2', status: 400 },
    { form: 'tag=home&weight=9', status: 400 },
  ])('validates form fields: $form answers $status', async ({ form, status }) => {
    const res = await request(app)
      .post('/notes/3/tags?api_key=k-1')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(form);
    expect(res.status).toBe(status);
    conforms('tagNote', res);
  });
});

describe('a document in several files', () => {
  const { app, conforms, loaded } = served(fixture('multi-file', 'openapi.yaml'));

  it('reads path items, parameters, schemas and responses from the files its $refs name', async () => {
    expect(loaded.operations.map((o) => o.operationId)).toEqual(['ListCategories', 'GetCategory']);
    const res = await request(app).get('/categories/cat-1');
    expect(res.status).toBe(200);
    expect(json(res.text).id).toMatch(/^cat-[a-z0-9]+$/);
    conforms('GetCategory', res);
  });

  it('answers an error whose schema is in another file', async () => {
    const res = await request(app).get('/categories/cat-1').set('Prefer', 'code=404');
    expect(res.status).toBe(404);
    expect(json(res.text)).toEqual({ message: expect.any(String) as string });
    conforms('GetCategory', res);
  });
});

describe('an OpenAPI 3.1 document with what real ones hold', () => {
  const { app, conforms, loaded } = served(fixture('constructs-3.1.openapi.yaml'));

  it('starts, naming what it serves otherwise than written', () => {
    expect(loaded.warnings).toEqual([
      "1 schema uses 'nullable', which OpenAPI 3.1 does not have: read as OpenAPI 3.0 meant it (null allowed)",
      '#/paths/~1search?kind=tag/get is not served: #/paths/~1search#by-name/get already serves GET /search',
    ]);
  });

  it('generates a recursive tree of oneOf shapes with const, prefixItems and patternProperties', async () => {
    const res = await request(app).get('/trees/t-1').set('Authorization', 'Bearer reader');
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-decision']).toBe('spec:generated; openIdConnect scopes=openid');
    expect(json(res.text).id).toBe('tree');
    conforms('GetTree', res);
  });

  it('checks an http scheme other than bearer and basic by its name, and challenges with it', async () => {
    const accepted = await request(app)
      .post('/accounts')
      .set('Authorization', 'Digest username="ann", response="x"')
      .send({ email: 'ann@example.com', password: 'long enough', plan: 'free' });
    expect(accepted.status).toBe(201);
    conforms('CreateAccount', accepted);
    const refused = await request(app).post('/accounts').set('Authorization', 'Bearer x').send({});
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('digest realm="Nexus"');
    conforms('CreateAccount', refused);
  });

  it('never answers a writeOnly member, and applies if/then to requests', async () => {
    const answered = await request(app)
      .post('/accounts')
      .set('Authorization', 'Digest x')
      .send({ email: 'ann@example.com', password: 'long enough', plan: 'team', seats: 3 });
    expect(answered.status).toBe(201);
    expect(json(answered.text)).not.toHaveProperty('password');
    const refused = await request(app)
      .post('/accounts')
      .set('Authorization', 'Digest x')
      .send({ email: 'ann@example.com', password: 'long enough', plan: 'team' });
    expect(refused.status).toBe(400);
    expect((json(refused.text).error as Record<string, unknown>).message).toMatch(/'seats' is required/);
    conforms('CreateAccount', refused);
  });

  it('takes a client certificate on trust, and says so', async () => {
    const res = await request(app).get('/certificates');
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-decision']).toBe('spec:generated; mutualTLS:assumed');
    conforms('ListCertificates', res);
  });

  it('answers an operation without responses 204, saying why', async () => {
    const res = await request(app).post('/pings');
    expect(res.status).toBe(204);
    expect(res.headers['x-mock-decision']).toBe('spec:no-responses');
  });

  it('routes the first of two path variants under the server’s base path', async () => {
    const res = await request(app).get('/v1/search?name=rex');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    conforms('SearchByName', res);
  });
});

describe('a document of webhooks alone', () => {
  const { app, loaded } = served(fixture('webhooks-only.openapi.yaml'));

  it('starts serving no operations, and the admin API works', async () => {
    expect(loaded.operations).toEqual([]);
    expect(loaded.warnings).toEqual([
      'the document has no paths: the mock serves no operations (the admin API works)',
    ]);
    expect((await request(app).get('/__admin/health')).status).toBe(200);
    expect((await request(app).post('/__admin/scenarios').send({ status: 500 })).status).toBe(400);
    expect((await request(app).get('/anything')).status).toBe(404);
  });
});
