import type { ServerResponse } from 'node:http';
import type { RequestContext } from '../../http/context';
import { send } from '../../http/responses';
import { isXml } from '../negotiate/accept';
import { isProblem, type BuiltResponse } from './build-response';

/**
 * Writes a built answer. Problem details are completed with the request's path (`instance`, when
 * the body has none) and id (`traceId`), as every problem the mock sends is.
 */
export function writeResponse(res: ServerResponse, context: RequestContext, built: BuiltResponse): void {
  if (built.mediaType === undefined) {
    // A 204 (or 1xx, 304) must not say Content-Length (RFC 9110 section 8.6); others say they are empty.
    const empty = built.status === 204 || built.status === 304 || built.status < 200;
    res.writeHead(built.status, empty ? built.headers : { ...built.headers, 'Content-Length': 0 }).end();
    return;
  }
  let body = built.body;
  if (isProblem(built.mediaType) && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const { instance } = body as { instance?: unknown };
    body = { ...body, instance: instance ?? context.path, traceId: context.id };
  }
  const mediaType = concrete(built.mediaType, body);
  if (Buffer.isBuffer(body)) {
    // Bytes as they are: never decoded as text, nor a charset claimed for them.
    res.writeHead(built.status, {
      ...built.headers,
      'Content-Type': mediaType,
      'Content-Length': body.length,
    });
    res.end(body);
    return;
  }
  send(res, built.status, contentType(mediaType), serialize(mediaType, body), built.headers);
}

/**
 * A media type a `Content-Type` can say: a document may answer with a range (`*\/*`,
 * `application/*`, `text/*`), which is no content type; the body says which one it is.
 */
export function concrete(mediaType: string, body: unknown): string {
  if (!mediaType.includes('*')) return mediaType;
  const [type] = mediaType.toLowerCase().split('/');
  if (type === 'text') return 'text/plain';
  // The bytes built for `image/*` are a PNG (see binaryBody).
  if (type === 'image' && Buffer.isBuffer(body)) return 'image/png';
  if (type === 'application' || typeof body !== 'string')
    return Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json';
  return 'text/plain';
}

/**
 * The body as text in its media type: JSON for the JSON types, the string itself for text, and a
 * value built from a schema as XML for an XML type (elements named after its members).
 */
export function serialize(mediaType: string, body: unknown): string {
  if (typeof body === 'string' && !isJson(mediaType)) return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (isXml(mediaType)) return `<?xml version="1.0" encoding="UTF-8"?>${toXml('root', body)}`;
  return JSON.stringify(body === undefined ? null : body);
}

function toXml(name: string, value: unknown): string {
  const tag = /^[A-Za-z_][\w.-]*$/.test(name) ? name : 'item';
  if (Array.isArray(value)) return value.map((item) => toXml(tag, item)).join('');
  if (typeof value === 'object' && value !== null) {
    const inner = Object.entries(value)
      .map(([key, member]) => toXml(key, member))
      .join('');
    return `<${tag}>${inner}</${tag}>`;
  }
  if (value === null || value === undefined) return `<${tag}/>`;
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(
    /[<>&]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c,
  );
  return `<${tag}>${text}</${tag}>`;
}

/** `application/json` → `application/json; charset=utf-8`: text and JSON say their charset. */
function contentType(mediaType: string): string {
  // Server-sent events are UTF-8 by definition, and their media type has no charset parameter.
  if (/^text\/event-stream$/i.test(mediaType)) return mediaType;
  return isJson(mediaType) || isXml(mediaType) || /^text\//i.test(mediaType)
    ? `${mediaType}; charset=utf-8`
    : mediaType;
}

function isJson(mediaType: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json$/i.test(mediaType) || /\+json$/i.test(mediaType);
}
