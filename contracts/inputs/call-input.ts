import type { OperationModel, ParameterModel } from '../../spec/operation';

/** A parameter's value sent as this exact text, whatever its schema (a deliberately invalid value). */
export class RawText {
  constructor(readonly text: string) {}
}

/**
 * Text already percent-encoded, placed in the path or query exactly as written: how the suite sends
 * encodings that are not UTF-8 (`%FF`, Latin-1 `%E9`) or broken (`%`, `%zz`). Never in a header.
 */
export class PercentEncoded {
  constructor(readonly text: string) {}
}

export interface ParameterInput {
  readonly parameter: ParameterModel;
  /** A value of the schema's type, serialized by the parameter's style; or a `RawText`. */
  readonly value: unknown;
}

/** One request to an operation, before serialization: what the generators produce and shrink. */
export interface CallInput {
  /** In the order they are sent (query parameters in any order are as valid as in one). */
  readonly parameters: readonly ParameterInput[];
  readonly body?: { readonly mediaType: string; readonly text: string };
}

/** Credentials, and anything else a request carries besides its parameters, by where it goes. */
export interface RequestParts {
  readonly headers: Readonly<Record<string, string>>;
  readonly query: readonly (readonly [string, string])[];
  readonly cookies: readonly (readonly [string, string])[];
}

export const NO_PARTS: RequestParts = { headers: {}, query: [], cookies: [] };

/** A request as the client sends it. */
export interface OutgoingRequest {
  readonly method: string;
  /** Path and query, as sent: `/v1/me/mfa-enrollment?isInteractive=true`. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Serializes an input for an operation (OpenAPI 3.1, section 4.8.12.4: style values). */
export function toRequest(
  operation: OperationModel,
  input: CallInput,
  parts: RequestParts = NO_PARTS,
): OutgoingRequest {
  let path = operation.path;
  /** Each pair already encoded: `name=value`. */
  const query: string[] = [];
  const pair = ([k, v]: readonly [string, string]): string =>
    `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
  const headers: Record<string, string> = {};
  const cookies: (readonly [string, string])[] = [];
  for (const { parameter, value } of input.parameters) {
    switch (parameter.in) {
      case 'path':
        path = path.replace(`{${parameter.name}}`, pathText(parameter, value));
        break;
      case 'query':
        query.push(
          ...(value instanceof PercentEncoded
            ? [`${encodeURIComponent(parameter.name)}=${value.text}`]
            : queryPairs(parameter, value).map(pair)),
        );
        break;
      case 'header':
        headers[parameter.name] = simpleText(parameter, value);
        break;
      case 'cookie':
        cookies.push([parameter.name, simpleText(parameter, value)]);
        break;
    }
  }
  query.push(...parts.query.map(pair));
  cookies.push(...parts.cookies);
  const allHeaders: Record<string, string> = { ...headers, ...parts.headers };
  if (cookies.length > 0)
    allHeaders.Cookie = cookies.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  if (input.body) allHeaders['Content-Type'] = input.body.mediaType;
  const search = query.join('&');
  return {
    method: operation.method,
    url: search === '' ? path : `${path}?${search}`,
    headers: allHeaders,
    ...(input.body && { body: input.body.text }),
  };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return '';
  return JSON.stringify(value);
}

/** `simple` (path, header), or the parameter's `content` media type as one JSON text. */
function simpleText(parameter: ParameterModel, value: unknown): string {
  if (value instanceof RawText) return value.text;
  if (parameter.mediaType !== undefined) return JSON.stringify(value);
  if (Array.isArray(value)) return value.map(text).join(',');
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return parameter.explode
      ? entries.map(([k, v]) => `${k}=${text(v)}`).join(',')
      : entries.flatMap(([k, v]) => [k, text(v)]).join(',');
  }
  return text(value);
}

function pathText(parameter: ParameterModel, value: unknown): string {
  const encode = (v: string): string => encodeURIComponent(v);
  if (value instanceof PercentEncoded) return value.text;
  if (value instanceof RawText) return encode(value.text);
  const items = Array.isArray(value) ? value.map(text) : undefined;
  switch (parameter.style) {
    case 'label':
      return `.${items ? items.map(encode).join(parameter.explode ? '.' : ',') : encode(simpleText(parameter, value))}`;
    case 'matrix':
      return items && parameter.explode
        ? items.map((i) => `;${parameter.name}=${encode(i)}`).join('')
        : `;${parameter.name}=${encode(simpleText(parameter, value))}`;
    default:
      return items ? items.map(encode).join(',') : encode(simpleText(parameter, value));
  }
}

function queryPairs(parameter: ParameterModel, value: unknown): [string, string][] {
  const { name } = parameter;
  if (value instanceof RawText) return [[name, value.text]];
  if (parameter.mediaType !== undefined) return [[name, JSON.stringify(value)]];
  if (Array.isArray(value)) {
    const items = value.map(text);
    if (parameter.style === 'form' && parameter.explode) return items.map((i) => [name, i]);
    const separator = { spaceDelimited: ' ', pipeDelimited: '|' }[parameter.style] ?? ',';
    return [[name, items.join(separator)]];
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]): [string, string] => [k, text(v)]);
    if (parameter.style === 'deepObject') return entries.map(([k, v]) => [`${name}[${k}]`, v]);
    if (parameter.explode) return entries;
    return [[name, entries.flat().join(',')]];
  }
  return [[name, text(value)]];
}
