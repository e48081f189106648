import { writeFileSync } from 'node:fs';

/**
 * A generated OpenAPI 3.1 document with `count` operations, as large vendor documents have (about
 * 1 200): a list with query parameters, a create with a JSON body, a read by id, half of them behind
 * a bearer scheme, every response documented with a schema. For the suite's budget and sampling.
 */
export function largeDocument(count: number): object {
  const paths: Record<string, unknown> = {};
  const item = {
    type: 'object',
    required: ['id', 'name'],
    properties: { id: { type: 'integer', format: 'int64' }, name: { type: 'string', maxLength: 40 } },
  };
  const error = {
    description: 'Invalid input.',
    content: { 'application/problem+json': { schema: { type: 'object' } } },
  };
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const secured = i % 2 === 0;
    const security = secured ? {} : { security: [] };
    const unauthorized = secured
      ? {
          '401': {
            ...error,
            description: 'Credentials are required.',
            headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
          },
        }
      : {};
    const base = `/resource${Math.floor(i / 3)}`;
    if (kind === 0)
      paths[`${base}/items`] = {
        get: {
          operationId: `List${i}`,
          ...security,
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 40 } },
          ],
          responses: {
            '200': {
              description: 'Items.',
              content: { 'application/json': { schema: { type: 'array', items: item } } },
            },
            '400': error,
            ...unauthorized,
          },
        },
      };
    else if (kind === 1)
      (paths[`${base}/items`] as Record<string, unknown>).post = {
        operationId: `Create${i}`,
        ...security,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                properties: { name: { type: 'string', maxLength: 40 } },
              },
            },
          },
        },
        responses: {
          '201': { description: 'Created.', content: { 'application/json': { schema: item } } },
          '400': error,
          ...unauthorized,
        },
      };
    else
      paths[`${base}/items/{id}`] = {
        get: {
          operationId: `Get${i}`,
          ...security,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': { description: 'The item.', content: { 'application/json': { schema: item } } },
            '400': error,
            '404': { ...error, description: 'No such item.' },
            ...unauthorized,
          },
        },
      };
  }
  return {
    openapi: '3.1.0',
    info: { title: `Generated, ${count} operations`, version: '1.0.0' },
    components: { securitySchemes: { Bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ Bearer: [] }],
    paths,
  };
}

/** Writes the document as JSON (which every YAML reader reads) and returns its path. */
export function writeLargeDocument(file: string, count: number): string {
  writeFileSync(file, JSON.stringify(largeDocument(count)));
  return file;
}
