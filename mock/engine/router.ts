import type { OperationModel } from '../../spec/operation';

export type RouteMatch =
  | {
      readonly kind: 'operation';
      readonly operation: OperationModel;
      /** Path parameters as they appear in the request target (still percent-encoded). */
      readonly pathParams: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'method-not-allowed';
      readonly allow: readonly string[];
      /** The path's operations, whose documented errors may say how a 405 looks. */
      readonly operations: readonly OperationModel[];
    };

/** One segment of a path template: `pets`, `{petId}`, or a mix such as `{name}.{format}`. */
type Segment =
  | { readonly literal: string }
  | { readonly param: string }
  | { readonly pattern: RegExp; readonly params: readonly string[] };

interface Route {
  readonly segments: readonly Segment[];
  readonly path: string;
  readonly byMethod: ReadonlyMap<string, OperationModel>;
  readonly allow: readonly string[];
}

/**
 * Matches a request to an operation of the document by path template and method. Matching is
 * case-sensitive and strict about trailing slashes, like the paths the document writes. Where two
 * templates match, the one with more literal segments wins (`/pets/mine` over `/pets/{petId}`), as
 * OpenAPI asks (3.1, section 4.8.8.2). A path the document has with another method is a 405 with
 * `Allow`; a path it does not have is not a match at all, so the admin API and pages can have it.
 */
export function createRouter(
  operations: readonly OperationModel[],
  /** Paths the document's servers put before every operation's (`/v1`), longest first: see serverBasePaths. */
  basePaths: readonly string[] = [],
) {
  const routes = groupByPath(operations);
  // Paths without templates are found by a lookup: the common case costs one Map.get.
  const literal = new Map(
    routes.filter((r) => r.segments.every((s) => 'literal' in s)).map((r) => [r.path, r]),
  );
  const templated = routes
    .filter((r) => !literal.has(r.path))
    .sort((a, b) => literalCount(b) - literalCount(a));

  const match = (method: string, path: string): RouteMatch | undefined => {
    const exact = literal.get(path);
    if (exact) return choose(exact, method, {});
    const parts = path.split('/');
    for (const route of templated) {
      const params = bind(route.segments, parts);
      if (params) return choose(route, method, params, parts);
    }
    return undefined;
  };
  // At the root first, then under a server's base path, so a client keeps the base path it was given.
  return (method: string, path: string): RouteMatch | undefined => {
    const found = match(method, path);
    if (found || basePaths.length === 0) return found;
    for (const base of basePaths) {
      if (path.startsWith(base) && path.charAt(base.length) === '/')
        return match(method, path.slice(base.length));
    }
    return undefined;
  };
}

export type Router = ReturnType<typeof createRouter>;

function choose(
  route: Route,
  method: string,
  pathParams: Record<string, string>,
  parts: readonly string[] = [],
): RouteMatch {
  // A HEAD is answered as the path's GET: node:http leaves the body out (RFC 9110 section 9.3.2).
  const operation = route.byMethod.get(method) ?? (method === 'HEAD' ? route.byMethod.get('GET') : undefined);
  if (!operation)
    return { kind: 'method-not-allowed', allow: route.allow, operations: [...route.byMethod.values()] };
  // `/pets/{id}` and `/pets/{petId}` are one route: each operation names the parameters its own way.
  if (operation.path === route.path) return { kind: 'operation', operation, pathParams };
  const own = bind(operation.path.split('/').map(segmentOf), parts) ?? pathParams;
  return { kind: 'operation', operation, pathParams: own };
}

function bind(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = segments[i];
    const part = parts[i] ?? '';
    if (segment === undefined) return undefined;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else if ('param' in segment) {
      // A path parameter is one non-empty segment (RFC 6570 simple expansion never yields '/').
      if (part === '') return undefined;
      params[segment.param] = part;
    } else {
      const match = segment.pattern.exec(part);
      if (!match) return undefined;
      segment.params.forEach((name, j) => (params[name] = match[j + 1] ?? ''));
    }
  }
  return params;
}

function groupByPath(operations: readonly OperationModel[]): Route[] {
  // By shape: a request cannot tell `/pets/{id}` from `/pets/{petId}` (the loader keeps one
  // operation per method of a shape), so they are one route whose methods are all allowed.
  const byPath = new Map<string, OperationModel[]>();
  for (const operation of operations) {
    const shape = operation.path.replace(/\{[^}]+\}/g, '{}');
    const list = byPath.get(shape) ?? [];
    list.push(operation);
    byPath.set(shape, list);
  }
  return [...byPath.values()].map((list) => {
    const path = list[0]?.path ?? '';
    const methods = list.map((o) => o.method);
    const implied = [...(methods.includes('GET') && !methods.includes('HEAD') ? ['HEAD'] : []), 'OPTIONS'];
    return {
      path,
      segments: path.split('/').map(segmentOf),
      byMethod: new Map(list.map((o) => [o.method, o])),
      allow: [...methods, ...implied.filter((m) => !methods.includes(m))],
    };
  });
}

function segmentOf(text: string): Segment {
  const whole = /^\{([^}]+)\}$/.exec(text)?.[1];
  if (whole !== undefined) return { param: whole };
  if (!text.includes('{')) return { literal: text };
  // `{name}.{format}`: the literal parts must match as written, each parameter at least one character
  // (the earlier ones as long as they can be: `report.v2.json` is name `report.v2`, format `json`).
  const params: string[] = [];
  const source = text.replace(/\{([^}]+)\}|[^{]+/g, (piece, name: string | undefined) => {
    if (name === undefined) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    params.push(name);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), params };
}

function literalCount(route: Route): number {
  return route.segments.filter((s) => 'literal' in s).length;
}
