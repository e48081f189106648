import { follow, isObject, resolvePointer, type OpenApiDocument } from './document';

/**
 * Where a rule comes from: the seed reference page the document was written from (for another
 * document: that document), or a decision of `spec/ASSUMPTIONS.md` by id, marked on the node it
 * shapes with `x-nexus-decision`.
 */
export type RuleSource = 'seed' | `D${number}`;

/** The decision a node of the document is marked with (`x-nexus-decision`), if any. */
export function decisionOn(node: unknown): RuleSource | undefined {
  if (!isObject(node)) return undefined;
  const mark: unknown = node['x-nexus-decision'];
  const first: unknown = Array.isArray(mark) ? mark[0] : mark;
  return typeof first === 'string' && /^D\d+$/.test(first) ? (first as RuleSource) : undefined;
}

/** The decision marked on the node at `pointer`, or on the node its `$ref` leads to. */
export function decisionAt(document: OpenApiDocument, pointer: string | undefined): RuleSource | undefined {
  if (pointer === undefined) return undefined;
  let node: unknown;
  try {
    node = resolvePointer(document, pointer);
  } catch {
    return undefined;
  }
  return decisionOn(node) ?? decisionOn(follow(document, node, pointer).node);
}

/**
 * The decision behind a schema violation: the mark on the schema node that holds the failing
 * keyword, found by walking the instance path through the schema (`/ticketUrl` → the `ticketUrl`
 * property, marked D5). Only that node counts: a type error inside `ProblemDetails` (D6 allows
 * extension members) is still the seed's rule.
 */
export function decisionForViolation(
  document: OpenApiDocument,
  schemaPointer: string,
  instancePath: string,
): RuleSource | undefined {
  let node: unknown;
  try {
    node = resolvePointer(document, schemaPointer);
  } catch {
    return undefined;
  }
  const marks = (at: unknown): { mark: RuleSource | undefined; next: unknown } => {
    const mark = decisionOn(at);
    const followed = follow(document, at, '#').node;
    return { mark: mark ?? decisionOn(followed), next: followed };
  };
  let current = marks(node);
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const schema = current.next;
    if (!isObject(schema)) return undefined;
    const properties = schema.properties;
    const child: unknown =
      isObject(properties) && segment in properties
        ? properties[segment]
        : /^\d+$/.test(segment)
          ? schema.items
          : schema.additionalProperties;
    if (!isObject(child)) return current.mark;
    current = marks(child);
  }
  return current.mark;
}
