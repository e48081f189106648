import type { IncomingHttpHeaders } from 'node:http';
import { SpecStructureError, type OperationModel, type ParameterModel } from '../../../spec/operation';
import { asIs, assemble, splitList, type Read } from './assemble';
import { isJson, parseMediaType } from './media-type';
import { parseCookies } from '../../http/cookies';
import { parseJson } from './parse-json';
import { readPathParameter } from './read-path-parameter';
import { readQueryParameter, type Pairs } from './read-query-parameter';
import { shapeOf, type Shape } from './shape';

/** A request's parameters as they arrived, before any of them is read. */
export interface RawParameters {
  /** As the router matched them from the path: still percent-encoded. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** `querystring.parse` of the raw query: decoded already, a repeated key an array. */
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: IncomingHttpHeaders;
}

const PATH_STYLES = ['simple', 'label', 'matrix'] as const;
const QUERY_STYLES = ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'] as const;
const COOKIE_STYLES = ['form'] as const;

/**
 * What a request offers to read parameters from; headers and cookies are parsed only when asked for.
 * A class, not an object of closures: one is made for every request.
 */
export class Sources {
  readonly query: Pairs;
  private headerMap: Map<string, string> | undefined;
  private cookieMap: Map<string, string[]> | undefined;

  constructor(readonly raw: RawParameters) {
    this.query = new QueryPairs(raw.query);
  }

  headers(): ReadonlyMap<string, string> {
    return (this.headerMap ??= lowerCased(this.raw.headers));
  }

  cookies(): Pairs {
    return (this.cookieMap ??= parseCookies(this.headers().get('cookie')));
  }
}

/** The parsed query as `Pairs`: every value of a name, as a list. */
class QueryPairs implements Pairs {
  constructor(private readonly query: RawParameters['query']) {}

  get(name: string): readonly string[] | undefined {
    const value = own(this.query, name);
    return typeof value === 'string' ? [value] : value;
  }

  keys(): Iterable<string> {
    return Object.keys(this.query);
  }
}

/**
 * How to read one parameter from a request, worked out once: from its location, in its style, and,
 * when the document describes it by `content` in JSON, parsed (`must be JSON` when it is not).
 * A style OpenAPI does not define for the location is a mistake in the document, thrown here.
 */
export function readerFor(
  parameter: ParameterModel,
  all: readonly ParameterModel[],
  operation: OperationModel,
): (sources: Sources) => Read {
  // A parameter described by `content` is one string holding its value in that media type.
  const shape = parameter.mediaType === undefined ? shapeOf(parameter.schema) : 'primitive';
  const read = locatedReader(parameter, shape, all, operation);
  const media = parameter.mediaType === undefined ? undefined : parseMediaType(parameter.mediaType);
  if (media === undefined || !isJson(media)) return read;
  return (sources) => {
    const result = read(sources);
    if (result === undefined || !('value' in result) || typeof result.value !== 'string') return result;
    const parsed = parseJson(result.value);
    return parsed.ok ? { value: parsed.value } : { invalid: 'must be JSON' };
  };
}

function locatedReader(
  parameter: ParameterModel,
  shape: Shape,
  all: readonly ParameterModel[],
  operation: OperationModel,
): (sources: Sources) => Read {
  const { name, style, explode } = parameter;
  const unsupported = (): never => {
    throw new SpecStructureError(
      operation.pointer,
      `the ${parameter.in} parameter '${name}' has style '${style}', which OpenAPI does not define there`,
    );
  };
  switch (parameter.in) {
    case 'path': {
      if (!isOneOf(style, PATH_STYLES)) return unsupported();
      const plan = { name, style, explode, shape } as const;
      return ({ raw }) => readPathParameter(own(raw.pathParams, name), plan);
    }
    case 'query':
    case 'cookie': {
      const styles = parameter.in === 'query' ? QUERY_STYLES : COOKIE_STYLES;
      if (!isOneOf(style, styles)) return unsupported();
      if (style === 'deepObject' && shape !== 'object') {
        throw new SpecStructureError(
          operation.pointer,
          `the query parameter '${name}' is a deepObject but not an object`,
        );
      }
      const plan = {
        name,
        style,
        explode,
        shape,
        properties: Object.keys(objectOrEmpty(parameter.schema.properties)),
        // An exploded object takes keys it does not declare only when its schema asks for them.
        open:
          parameter.schema.properties === undefined ||
          (parameter.schema.additionalProperties !== undefined &&
            parameter.schema.additionalProperties !== false),
        claimed: new Set(all.filter((p) => p.in === parameter.in && p !== parameter).map((p) => p.name)),
      };
      return parameter.in === 'query'
        ? (sources) => readQueryParameter(sources.query, plan)
        : (sources) => readQueryParameter(sources.cookies(), plan);
    }
    case 'header': {
      if (style !== 'simple') return unsupported();
      const key = name.toLowerCase();
      return (sources) => readHeader(sources.headers().get(key), shape, explode);
    }
  }
}

/** `simple` style: `1,2`; objects `R,100,G,200` or, exploded, `R=100,G=200`. Spaces around items are the list's. */
function readHeader(text: string | undefined, shape: Shape, explode: boolean): Read {
  if (text === undefined) return undefined;
  if (shape === 'primitive') return { value: text };
  return assemble(
    splitList(text, ',').map((item) => item.trim()),
    shape,
    explode,
    asIs,
  );
}

/** Header names are case-insensitive; node lower-cases them, a hand-built object may not have. */
function lowerCased(headers: IncomingHttpHeaders): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

/** An own property only: a parameter named `constructor` is not found on `Object.prototype`. */
function own<T>(object: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

function isOneOf<T extends string>(value: string, options: readonly T[]): value is T {
  return (options as readonly string[]).includes(value);
}

function objectOrEmpty(value: unknown): object {
  return typeof value === 'object' && value !== null ? value : {};
}
