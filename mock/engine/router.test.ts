import { loadDocument } from '../../spec/load';
import { createRouter } from './router';

const operation = (operationId: string, parameters: string[] = []) => ({
  operationId,
  parameters: parameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
  responses: { '204': { description: 'done' } },
});

const { operations } = loadDocument({
  openapi: '3.1.0',
  info: { title: 'routes', version: '1' },
  paths: {
    '/pets': { get: operation('ListPets'), post: operation('CreatePet') },
    '/pets/mine': { get: operation('MyPets') },
    '/pets/{petId}': { get: operation('GetPet', ['petId']), delete: operation('DeletePet', ['petId']) },
    '/files/{name}.{format}': { get: operation('GetFile', ['name', 'format']) },
  },
});
const route = createRouter(operations);

describe('createRouter', () => {
  it.each([
    { method: 'GET', path: '/pets', operation: 'ListPets', params: {} },
    { method: 'POST', path: '/pets', operation: 'CreatePet', params: {} },
    { method: 'GET', path: '/pets/mine', operation: 'MyPets', params: {} },
    { method: 'GET', path: '/pets/7', operation: 'GetPet', params: { petId: '7' } },
    { method: 'DELETE', path: '/pets/a%20b', operation: 'DeletePet', params: { petId: 'a%20b' } },
    {
      method: 'GET',
      path: '/files/report.v2.json',
      operation: 'GetFile',
      params: { name: 'report.v2', format: 'json' },
    },
  ])('routes $method $path to $operation', ({ method, path, operation: id, params }) => {
    expect(route(method, path)).toEqual({
      kind: 'operation',
      operation: expect.objectContaining({ operationId: id }),
      pathParams: params,
    });
  });

  it.each([
    { path: '/pets/' },
    { path: '/Pets' },
    { path: '/pets/7/toys' },
    { path: '/pets//' },
    { path: '/files/report' },
    { path: '/files/.json' },
  ])('matches nothing for $path', ({ path }) => {
    expect(route('GET', path)).toBeUndefined();
  });

  it('answers HEAD with the path GET', () => {
    expect(route('HEAD', '/pets/7')).toEqual(
      expect.objectContaining({ operation: expect.objectContaining({ operationId: 'GetPet' }) }),
    );
  });

  it.each([
    { method: 'PUT', path: '/pets', allow: ['GET', 'POST', 'HEAD', 'OPTIONS'] },
    { method: 'POST', path: '/pets/7', allow: ['GET', 'DELETE', 'HEAD', 'OPTIONS'] },
    { method: 'OPTIONS', path: '/pets/mine', allow: ['GET', 'HEAD', 'OPTIONS'] },
  ])('lists what $path allows for $method', ({ method, path, allow }) => {
    expect(route(method, path)).toEqual(expect.objectContaining({ kind: 'method-not-allowed', allow }));
  });
});
