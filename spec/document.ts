import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parse } from 'yaml';

export type OpenApiDocument = OpenAPIV3_1.Document;

const SPEC_FILE = path.join('spec', 'nexus.openapi.yaml');

/**
 * The absolute path of the OpenAPI document. Found by walking up from this module, so it resolves
 * the same from `spec/` (ts-jest) and from `dist/spec/` (the built kit).
 */
export const SPEC_PATH = findUpwards(__dirname, SPEC_FILE);

/** The kit's root folder (where package.json is). */
export const PACKAGE_ROOT = path.dirname(path.dirname(SPEC_PATH));

function findUpwards(start: string, relative: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find ${relative} above ${start}`);
  }
}

const cache = new Map<string, OpenApiDocument>();

/** Parses the OpenAPI document once per path; callers share the parsed (frozen) tree. */
export function loadSpec(file: string = SPEC_PATH): OpenApiDocument {
  const cached = cache.get(file);
  if (cached) return cached;
  const parsed: unknown = parse(readFileSync(file, 'utf8'));
  if (!isObject(parsed) || typeof parsed.openapi !== 'string' || !parsed.openapi.startsWith('3.1')) {
    throw new Error(`${file} is not an OpenAPI 3.1 document`);
  }
  const document = deepFreeze(parsed) as unknown as OpenApiDocument;
  cache.set(file, document);
  return document;
}

/** Follows a local `$ref` (`#/components/...`) to the node it names. */
export function resolvePointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(key in node)) throw new Error(`Unresolvable reference ${ref}`);
    node = node[key];
  }
  return node;
}

/** The node at a JSON pointer, stepping into lists (`parameters/0/schema`), which `resolvePointer` does not. */
export function nodeAt(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const raw of pointer.slice(2).split('/')) {
    const key = unescapePointer(raw);
    node = Array.isArray(node) ? (node as unknown[])[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  return node;
}

/** Follows `$ref`s from `node` (found at `pointer`) and says where it ended. */
export function follow(
  document: OpenApiDocument,
  node: unknown,
  pointer: string,
): { node: unknown; pointer: string } {
  let current = { node, pointer };
  for (let hops = 0; isObject(current.node) && typeof current.node.$ref === 'string'; hops++) {
    if (hops > 16) throw new Error(`Reference cycle at ${current.pointer}`);
    const ref = current.node.$ref;
    current = { node: resolvePointer(document, ref), pointer: ref };
  }
  return current;
}

/** Reads one escaped segment of a JSON pointer (RFC 6901): `~1` is `/`, `~0` is `~`. */
export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Escapes one segment of a JSON pointer (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
