import { upgrade } from '@scalar/openapi-upgrader';
import { FILES_KEY } from './bundle';
import { walkObjects } from './walk';

/** The OpenAPI versions the kit reads, and what it does with each. */
export type SourceVersion = '2.0' | '3.0' | '3.1';

export interface Upgraded {
  /** The document as OpenAPI 3.1: the same object for a 3.1 document with nothing to mend. */
  readonly document: Record<string, unknown>;
  /** The version the document was written in. */
  readonly from: SourceVersion;
  /** What the reading changed that the document's authors may want to know, once each. */
  readonly warnings: readonly string[];
}

/**
 * Reads Swagger 2.0 and OpenAPI 3.0 documents as the OpenAPI 3.1 the engine serves, in memory, with
 * Scalar's upgrader (what the old versions mean: `nullable`, boolean `exclusiveMinimum`, `example`,
 * 2.0's `consumes`/`produces`, form and body parameters, `securityDefinitions`, `host` + `basePath`).
 * A 3.1 document written with 3.0's `nullable` (ASP.NET and other exporters do) is read as its
 * authors meant it, with a warning: in 3.1 the keyword means nothing and `null` would be refused.
 * Undefined for a version the kit does not read.
 */
export function upgradeDocument(parsed: Record<string, unknown>): Upgraded | undefined {
  const from = versionOf(parsed);
  if (from === undefined) return undefined;
  if (from === '3.1') {
    const nullable = countNullable(parsed);
    if (nullable === 0) return { document: parsed, from, warnings: [] };
    // The upgrader's 3.0 -> 3.1 step is exactly "what nullable meant"; it leaves 3.1 keywords alone.
    const mended = upgrade({ ...parsed, openapi: '3.0.3' }, '3.1') as unknown as Record<string, unknown>;
    settleNullable(mended);
    return {
      document: { ...mended, openapi: parsed.openapi },
      from,
      warnings: [
        `${nullable} schema${nullable === 1 ? '' : 's'} use${nullable === 1 ? 's' : ''} 'nullable', which OpenAPI 3.1 does not have: read as OpenAPI 3.0 meant it (null allowed)`,
      ],
    };
  }
  const document = upgrade(parsed, '3.1') as unknown as Record<string, unknown>;
  settleNullable(document);
  return {
    document,
    from,
    warnings: [
      `${from === '2.0' ? 'Swagger 2.0' : 'OpenAPI 3.0'} document read as OpenAPI 3.1 (upgraded in memory)`,
    ],
  };
}

function versionOf(parsed: Record<string, unknown>): SourceVersion | undefined {
  const { openapi, swagger } = parsed;
  if (typeof openapi === 'string') {
    if (/^3\.1(\.\d+)?$/.test(openapi)) return '3.1';
    if (/^3\.0(\.\d+)?$/.test(openapi)) return '3.0';
    return undefined;
  }
  return openapi === undefined && swagger === '2.0' ? '2.0' : undefined;
}

const INTO_FILES = new Set([FILES_KEY]);

/** How many schemas say `nullable: true`. */
function countNullable(document: Record<string, unknown>): number {
  let count = 0;
  walkObjects(
    document,
    (node) => {
      if (node.nullable === true) count++;
    },
    INTO_FILES,
  );
  return count;
}

/**
 * What the upgrader leaves of `nullable`, settled on its own copy of the document. It wraps `type` in
 * a list with 'null', so a 3.1 list already there becomes a list in a list, flattened here. It leaves
 * `nullable` where there is no `type` to attach it to: beside `anyOf`/`oneOf` it adds a null arm; on
 * a schema that allows any type it says nothing (null is allowed already) and goes, since Ajv reads
 * a stray `nullable` as an error.
 */
function settleNullable(document: Record<string, unknown>): void {
  walkObjects(
    document,
    (node) => {
      if (Array.isArray(node.type) && node.type.some(Array.isArray)) {
        node.type = [...new Set((node.type as unknown[]).flat())];
      }
      if (typeof node.nullable !== 'boolean') return;
      if (node.nullable) {
        const union = Array.isArray(node.anyOf)
          ? node.anyOf
          : Array.isArray(node.oneOf)
            ? node.oneOf
            : undefined;
        if (union !== undefined) union.push({ type: 'null' });
        else if (typeof node.type === 'string') node.type = [node.type, 'null'];
        else if (Array.isArray(node.type) && !node.type.includes('null')) node.type.push('null');
      }
      delete node.nullable;
    },
    INTO_FILES,
  );
}
