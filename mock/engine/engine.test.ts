import path from 'node:path';
import request from 'supertest';
import { PACKAGE_ROOT } from '../../spec/document';
import { loadDocument } from '../../spec/load';
import { createApp } from '../app';
import { createRandom } from '../random';
import { conformanceTo, problemOf } from '../test-support/http';

/** A document with more operations than Nexus's one: the engine serves each from the spec alone. */
const PETS = path.join(PACKAGE_ROOT, 'spec', 'fixtures', 'pets.openapi.yaml');
const conforms = conformanceTo(loadDocument(PETS).document);
const BEARER = { Authorization: 'Bearer pet-owner' };

const petsApp = (seed = 'pets') => createApp({ spec: PETS, seed });

describe('serving every operation of a document', () => {
  const app = petsApp();

  it.each([
    { operation: 'GetHealth', call: () => request(app).get('/health'), status: 200 },
    { operation: 'ListPets', call: () => request(app).get('/pets').set(BEARER), status: 200 },
    {
      operation: 'CreatePet',
      call: () =>
        request(app)
          .post('/pets')
          .set(BEARER)
          .send({ name: 'Rex', tags: ['dog'] }),
      status: 201,
    },
    { operation: 'GetPet', call: () => request(app).get('/pets/7').set(BEARER), status: 200 },
    { operation: 'DeletePet', call: () => request(app).delete('/pets/7').set(BEARER), status: 204 },
    { operation: 'SearchPets', call: () => request(app).get('/search?q=rex&api_key=k-1'), status: 200 },
    {
      operation: 'GetPreferences',
      call: () => request(app).get('/me/preferences').set('Cookie', 'session_id=s-1; theme=dark'),
      status: 200,
    },
  ])(
    'answers $operation with its documented success, conforming to the document',
    async ({ operation, call, status }) => {
      const res = await call();
      expect(res.status).toBe(status);
      conforms(operation, res);
    },
  );

  it('serves the first example of a response that has one, and says so', async () => {
    const res = await request(app).get('/pets/7').set(BEARER);
    expect(res.body).toEqual({ id: 1, name: 'Rex', status: 'available', tags: ['dog'] });
    expect(res.headers['x-mock-decision']).toBe('spec:example=rex');
  });

  it('generates a body from the schema where the response has no example', async () => {
    const res = await request(app).post('/pets').set(BEARER).send({ name: 'Rex' });
    expect(res.headers['x-mock-decision']).toBe('spec:generated');
    expect(res.body).toEqual(expect.objectContaining({ id: expect.any(Number), name: expect.any(String) }));
  });

  it('answers a bodiless response with no body, and a 204 without Content-Length', async () => {
    const res = await request(app).delete('/pets/7').set(BEARER);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBeUndefined();
    expect(res.headers['content-length']).toBeUndefined();
  });

  it('answers HEAD as the path GET would, without the body', async () => {
    const get = await request(app).get('/pets/7').set(BEARER);
    const head = await request(app).head('/pets/7').set(BEARER);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['x-mock-decision']).toBe('spec:example=rex');
  });

  it('answers an operation that documents only default with 200 from it, as OpenAPI reads default', async () => {
    const res = await request(app).get('/legacy/report');
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-decision']).toBe('problem');
    conforms('GetLegacyReport', res, true);
  });
});

describe('routing', () => {
  const app = petsApp();

  it('answers a path the document does not have with a 404 problem', async () => {
    const res = await request(app).get('/pets/7/toys').set(BEARER);
    expect(res.status).toBe(404);
    expect(problemOf(res).code).toBe('route-not-found');
  });

  it('answers another method on a documented path with 405 and Allow', async () => {
    const res = await request(app).put('/pets').set(BEARER);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST, HEAD, OPTIONS');
    expect(problemOf(res).code).toBe('method-not-allowed');
  });

  it('lists the methods of a path for OPTIONS', async () => {
    const res = await request(app).options('/pets/7');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('GET, DELETE, HEAD, OPTIONS');
  });

  it('answers a CORS preflight for any operation of the document', async () => {
    const res = await request(app)
      .options('/pets/7')
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'DELETE')
      .set('Access-Control-Request-Headers', 'authorization, x-request-id');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-methods']).toContain('DELETE');
    expect(res.headers['access-control-allow-headers']).toContain('X-Request-Id');
  });

  it('ignores a fragment in the request target', async () => {
    expect((await request(app).get('/health#top')).status).toBe(200);
  });
});

describe('security, as each operation says', () => {
  const app = petsApp();

  it.each([
    { name: 'no credentials', path: '/pets', headers: {}, reason: 'auth:missing-credentials' },
    { name: 'an empty API key', path: '/pets', headers: { 'X-Api-Key': ' ' }, reason: 'auth:empty-api-key' },
    { name: 'no query key', path: '/search?q=rex', headers: {}, reason: 'auth:missing-credentials' },
    {
      name: 'no cookie key',
      path: '/me/preferences',
      headers: { Cookie: 'theme=dark' },
      reason: 'auth:missing-credentials',
    },
  ])('refuses $name with 401 and a challenge', async ({ path: url, headers, reason }) => {
    const res = await request(app).get(url).set(headers);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBeDefined();
    expect(res.headers['x-mock-decision']).toBe(reason);
    problemOf(res);
  });

  it.each([
    { name: 'Bearer', headers: { Authorization: 'Bearer t-1' } },
    { name: 'bearer in lower case', headers: { Authorization: 'bearer t-1' } },
    { name: 'the header API key', headers: { 'X-Api-Key': 'k-1' } },
  ])('accepts $name for an operation whose alternatives include it', async ({ headers }) => {
    expect((await request(app).get('/pets').set(headers)).status).toBe(200);
  });

  it('refuses an API key for an operation that takes only Bearer', async () => {
    const res = await request(app).post('/pets').set('X-Api-Key', 'k-1').send({ name: 'Rex' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="Nexus"');
  });

  it.each([
    {
      name: 'Basic',
      headers: { Authorization: `Basic ${Buffer.from('ann:pw').toString('base64')}` },
      status: 204,
    },
    { name: 'Bearer with the API key', headers: { ...BEARER, 'X-Api-Key': 'k-1' }, status: 204 },
    { name: 'Bearer without the API key', headers: BEARER, status: 401 },
    { name: 'the API key alone', headers: { 'X-Api-Key': 'k-1' }, status: 401 },
  ])('ANDs the schemes of one alternative: $name gets $status', async ({ headers, status }) => {
    const res = await request(app)
      .put('/pets/7/photo')
      .set(headers)
      .set('Content-Type', 'image/png')
      .send(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(res.status).toBe(status);
  });

  it('names the user of a Bearer token even where an API key alone would do', async () => {
    const fresh = petsApp();
    await request(fresh)
      .get('/pets')
      .set({ ...BEARER, 'X-Api-Key': 'k-1' });
    const journal = await request(fresh).get('/__admin/requests?operation=ListPets');
    expect((journal.body as { requests: { userId: string }[] }).requests[0]?.userId).toBe('pet-owner');
  });

  it('serves a public operation without credentials', async () => {
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-decision']).toBe('spec:example=example');
  });

  it('keeps an API key sent in the query out of the journal', async () => {
    const fresh = petsApp();
    await request(fresh).get('/search?q=rex&api_key=secret-key-123');
    const journal = await request(fresh).get('/__admin/requests?operation=SearchPets');
    expect(journal.text).not.toContain('secret-key-123');
    expect(journal.body).toEqual({
      requests: [
        expect.objectContaining({ operation: 'SearchPets', query: { q: 'rex', api_key: '[REDACTED]' } }),
      ],
    });
  });
});

describe('validation of parameters and bodies', () => {
  const app = petsApp();

  it('reports every violation of the query in one answer', async () => {
    const res = await request(app).get('/pets?limit=0&status=lost').set(BEARER);
    expect(res.status).toBe(400);
    const errors = problemOf(res).errors as { in: string; name: string }[];
    expect(errors.map((e) => `${e.in}:${e.name}`)).toEqual(['query:limit', 'query:status']);
    conforms('ListPets', res);
  });

  it.each([
    {
      name: 'a path id of the wrong type',
      call: () => request(app).get('/pets/abc').set(BEARER),
      where: 'path:petId',
    },
    {
      name: 'a header of the wrong format',
      call: () => request(app).get('/pets/7').set(BEARER).set('X-Request-Id', 'nope'),
      where: 'header:X-Request-Id',
    },
    { name: 'a missing required body', call: () => request(app).post('/pets').set(BEARER), where: 'body:' },
    {
      name: 'malformed JSON',
      call: () =>
        request(app).post('/pets').set(BEARER).set('Content-Type', 'application/json').send('{"name":'),
      where: 'body:',
    },
    {
      name: 'a body that breaks its schema',
      call: () =>
        request(app)
          .post('/pets')
          .set(BEARER)
          .send({ tags: ['a', 'a'] }),
      where: 'body:name',
    },
  ])('rejects $name with 400 naming where it is', async ({ call, where }) => {
    const res = await call();
    expect(res.status).toBe(400);
    const errors = problemOf(res).errors as { in: string; name: string }[];
    expect(errors.map((e) => `${e.in}:${e.name}`)).toContain(where);
  });

  it('takes a binary body as it is, whatever its schema says of strings', async () => {
    const res = await request(app)
      .put('/pets/7/photo')
      .set(BEARER)
      .set('X-Api-Key', 'k-1')
      .set('Content-Type', 'image/png')
      .send(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    expect(res.status).toBe(204);
  });

  it('reads an array query parameter from repeated keys, and checks each item', async () => {
    expect((await request(app).get('/pets?tag=dog&tag=small').set(BEARER)).status).toBe(200);
    const res = await request(app).get('/pets?tag=a&tag=b&tag=c&tag=d&tag=e&tag=f').set(BEARER);
    expect(res.status).toBe(400);
    expect(problemOf(res).detail).toContain("query parameter 'tag'");
  });

  it('refuses a compressed body with 415 rather than misreading it', async () => {
    const res = await request(app)
      .post('/pets')
      .set(BEARER)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(Buffer.from([0x1f, 0x8b, 8, 0]));
    expect(res.status).toBe(415);
    expect(problemOf(res).detail).toContain('Content-Encoding gzip');
  });

  it('names the parameters too when the media type is refused', async () => {
    const res = await request(app)
      .put('/pets/abc/photo')
      .set({ ...BEARER, 'X-Api-Key': 'k-1' })
      .set('Content-Type', 'text/plain')
      .send('a photo');
    expect(res.status).toBe(415);
    const errors = problemOf(res).errors as { in: string; name: string }[];
    expect(errors.map((e) => `${e.in}:${e.name}`)).toEqual(['body:', 'path:petId']);
  });

  it('rejects a body in an undocumented media type with 415', async () => {
    const res = await request(app).post('/pets').set(BEARER).set('Content-Type', 'text/plain').send('Rex');
    expect(res.status).toBe(415);
    expect(problemOf(res).code).toBe('unsupported-media-type');
  });
});

describe('content negotiation', () => {
  const app = petsApp();

  it.each([
    { accept: 'text/csv', type: 'text/csv' },
    { accept: 'text/csv;q=0.5, application/json', type: 'application/json' },
    { accept: 'text/*', type: 'text/csv' },
    { accept: '*/*', type: 'application/json' },
  ])('answers Accept: $accept in $type', async ({ accept, type }) => {
    const res = await request(app).get('/pets').set(BEARER).set('Accept', accept);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(new RegExp(`^${type}`));
    conforms('ListPets', res);
  });

  it('says the answer varies with Accept where there is a choice', async () => {
    expect((await request(app).get('/pets').set(BEARER)).headers.vary).toContain('Accept');
    expect((await request(app).get('/pets/7').set(BEARER)).headers.vary).toBeUndefined();
  });

  it('serves a forced example only in a media type the client accepts', async () => {
    const json = await request(app)
      .get('/pets')
      .set(BEARER)
      .set('Prefer', 'example=two')
      .set('Accept', 'text/csv');
    expect(json.status).toBe(406);
    const csv = await request(app)
      .get('/pets')
      .set(BEARER)
      .set('Prefer', 'example=example')
      .set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('leaves a scenario unspent when the answer is not acceptable (a 406 used it up)', async () => {
    const fresh = petsApp();
    await request(fresh).post('/__admin/scenarios').send({ status: 400, times: 1 }).expect(201);
    expect((await request(fresh).get('/pets').set(BEARER).set('Accept', 'application/xml')).status).toBe(406);
    expect((await request(fresh).get('/pets').set(BEARER)).status).toBe(400);
  });

  it('answers 406 problem details when no documented media type is acceptable', async () => {
    const res = await request(app).get('/pets').set(BEARER).set('Accept', 'application/xml');
    expect(res.status).toBe(406);
    expect(problemOf(res).code).toBe('not-acceptable');
  });
});

describe('Prefer and scenarios on any operation', () => {
  it('forces a documented status, a generated body, a range status', async () => {
    const app = petsApp();
    const notFound = await request(app).get('/pets/7').set(BEARER).set('Prefer', 'code=404');
    expect(notFound.status).toBe(404);
    conforms('GetPet', notFound);
    const teapot = await request(app).get('/pets/7').set(BEARER).set('Prefer', 'code=418');
    expect(teapot.status).toBe(418);
    conforms('GetPet', teapot);
    const dynamic = await request(app).get('/pets?__dynamic=true').set(BEARER);
    expect(dynamic.headers['x-mock-decision']).toBe('prefer:dynamic=true');
    conforms('ListPets', dynamic);
  });

  it('refuses a status the operation does not document', async () => {
    const res = await request(petsApp()).delete('/pets/7').set(BEARER).set('Prefer', 'code=500');
    expect(res.status).toBe(400);
    expect(problemOf(res).detail).toBe(
      'Prefer code=500 is not documented for this operation. Allowed: 204, 400, 401, 404.',
    );
  });

  it('acts on the operation a scenario names, and on every operation without one', async () => {
    const app = petsApp();
    await request(app)
      .post('/__admin/scenarios')
      .send({ status: 404, match: { operation: 'GetPet' } })
      .expect(201);
    expect((await request(app).get('/pets/7').set(BEARER)).status).toBe(404);
    expect((await request(app).get('/pets').set(BEARER)).status).toBe(200);

    await request(app).post('/__admin/scenarios').send({ status: 401, times: 2 }).expect(201);
    expect((await request(app).get('/pets').set(BEARER)).status).toBe(401);
    expect((await request(app).delete('/pets/7').set(BEARER)).status).toBe(401);
    expect((await request(app).delete('/pets/7').set(BEARER)).status).toBe(204);
  });

  it('passes by an operation that cannot serve the scenario status', async () => {
    const app = petsApp();
    await request(app).post('/__admin/scenarios').send({ status: 415 }).expect(201);
    expect((await request(app).delete('/pets/7').set(BEARER)).status).toBe(204);
    expect((await request(app).post('/pets').set(BEARER).send({ name: 'Rex' })).status).toBe(415);
  });

  it('matches a scenario on a parameter value', async () => {
    const app = petsApp();
    await request(app)
      .post('/__admin/scenarios')
      .send({ status: 400, match: { status: 'sold' } })
      .expect(201);
    expect((await request(app).get('/pets?status=available').set(BEARER)).status).toBe(200);
    expect((await request(app).get('/pets?status=sold').set(BEARER)).status).toBe(400);
  });

  it('acts with an example only on the operations that have it (a null body went to the others)', async () => {
    const app = petsApp();
    await request(app).post('/__admin/scenarios').send({ status: 200, example: 'two' }).expect(201);
    const health = await request(app).get('/health');
    expect(health.headers['x-mock-decision']).toBe('spec:example=example');
    const pets = await request(app).get('/pets').set(BEARER);
    expect(pets.headers['x-mock-decision']).toBe('scenario:scn_1');
    expect(pets.body).toHaveLength(2);
  });

  it('matches a scenario on an array parameter by value', async () => {
    const app = petsApp();
    await request(app)
      .post('/__admin/scenarios')
      .send({ status: 400, match: { tag: ['dog'] } })
      .expect(201);
    expect((await request(app).get('/pets?tag=cat').set(BEARER)).status).toBe(200);
    expect((await request(app).get('/pets?tag=dog').set(BEARER)).status).toBe(400);
  });

  it('refuses a scenario naming an operation the document does not have', async () => {
    const res = await request(petsApp())
      .post('/__admin/scenarios')
      .send({ status: 404, match: { operation: 'Nope' } });
    expect(res.status).toBe(400);
  });
});

describe('seeded generated bodies', () => {
  const created = async (app: ReturnType<typeof petsApp>, session: string) =>
    (await request(app).post('/pets').set(BEARER).set('X-Mock-Session', session).send({ name: 'Rex' }))
      .body as unknown;

  it('gives the same bodies for the same seed and requests', async () => {
    const [a, b] = [petsApp('same'), petsApp('same')];
    expect([await created(a, 's'), await created(a, 's')]).toEqual([
      await created(b, 's'),
      await created(b, 's'),
    ]);
  });

  it('numbers generated bodies per session, so one session does not change another (process-wide counter bug)', async () => {
    const quiet = petsApp('isolated');
    const busy = petsApp('isolated');
    await created(busy, 'noisy-neighbour');
    await created(busy, 'noisy-neighbour');
    expect(await created(busy, 'mine')).toEqual(await created(quiet, 'mine'));
  });
});

describe('seeded latency', () => {
  it('draws each session its own delays, so one session does not change another (process-wide counter bug)', async () => {
    // The labels the delays are drawn with are the proof: (session, the session's own count).
    const random = createRandom('latency');
    const labels: string[] = [];
    const app = createApp({
      spec: PETS,
      latency: { min: 0, max: 1 },
      random: { ...random, int: (label) => (labels.push(label), random.int(label)) },
    });
    await request(app).get('/health').set('X-Mock-Session', 'noisy-neighbour');
    await request(app).get('/health').set('X-Mock-Session', 'noisy-neighbour');
    await request(app).get('/health').set('X-Mock-Session', 'mine');
    expect(labels.filter((l) => l.startsWith('latency:'))).toEqual([
      'latency:noisy-neighbour:1',
      'latency:noisy-neighbour:2',
      'latency:mine:1',
    ]);
  });
});
