import path from 'node:path';
import { escapePointer, resolvePointer, type OpenApiDocument } from './document';
import { parseFile } from './read-file';
import { SpecError } from './spec-error';
import { walkObjects } from './walk';

/**
 * Where the files a document refers to are kept, inside it: `#/x-ext/<file>`, where Scalar's bundler
 * keeps them too, so its upgrader reads their schemas as schemas.
 */
export const FILES_KEY = 'x-ext';

/**
 * Brings the other files a document's `$ref`s name (`schemas/pet.yaml`, `common.json#/Error`,
 * relative to the file that writes them, YAML or JSON, whole or by fragment) into the document, so
 * the engine, Ajv and every pointer work on one tree: each file is kept whole under
 * `#/x-ext/<its path from the root file>` and every reference is rewritten to point there.
 * Recursion across files is kept as references, never expanded. A document without such
 * references is returned as it is.
 */
export function bundleFiles(document: OpenApiDocument, file: string | undefined): OpenApiDocument {
  if (!hasExternalRef(document)) return document;
  if (file === undefined) {
    throw new SpecError(
      file,
      'the document refers to other files, so it must be read from a file, not given as an object',
    );
  }
  const root = path.resolve(file);
  const nameOf = (owner: string): string => (owner === root ? file : path.relative(process.cwd(), owner));
  // Each file by its absolute path: its name in the bundle (its path from the root file's folder,
  // escaped for a pointer) and its content.
  const files = new Map<string, { name: string; key: string; content: unknown }>();
  // Each reference rewritten, to check once every file is in: where it is written, and as written.
  const written: { ref: string; local: string; owner: string; pointer: string }[] = [];
  const keyOf = (absolute: string, ref: string, owner: string, pointer: string): string => {
    const known = files.get(absolute);
    if (known) return known.key;
    const name = path.relative(path.dirname(root), absolute).split(path.sep).join('/');
    const key = escapePointer(name);
    files.set(absolute, { name, key, content: undefined });
    let parsed: unknown;
    try {
      parsed = parseFile(absolute);
    } catch (error) {
      // A file that is not there is the referring file's mistake; a file that does not parse, its own.
      const code = /cannot read the file \((\w+)\)/.exec((error as Error).message)?.[1];
      if (code === undefined) throw error;
      throw new SpecError(nameOf(owner), `$ref '${ref}' names a file that cannot be read (${code})`, {
        pointer,
      });
    }
    // The file is read and rewritten once, before anything refers into it resolves.
    const content = rewrite(parsed, absolute, key);
    files.set(absolute, { name, key, content });
    return key;
  };
  /** Rewrites every reference of a freshly read (or copied) file in place, to point inside the bundle. */
  const rewrite = (content: unknown, owner: string, ownerKey: string | undefined): unknown => {
    walkObjects(content, (node, pointer) => {
      if (typeof node.$ref !== 'string') return;
      const local = localize(node.$ref, owner, ownerKey, pointer);
      written.push({ ref: node.$ref, local, owner, pointer });
      node.$ref = local;
    });
    return content;
  };
  const localize = (ref: string, owner: string, ownerKey: string | undefined, pointer: string): string => {
    const hash = ref.indexOf('#');
    const target = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    if (target === '') return ownerKey === undefined ? ref : `#/${FILES_KEY}/${ownerKey}${fragment}`;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      throw new SpecError(
        nameOf(owner),
        `$ref '${ref}' names a remote document; the mock reads local files only (download it beside the document)`,
        { pointer },
      );
    }
    const absolute = path.resolve(path.dirname(owner), decodeURIComponent(target));
    const key = absolute === root ? undefined : keyOf(absolute, ref, owner, pointer);
    return key === undefined ? `#${fragment}` : `#/${FILES_KEY}/${key}${fragment}`;
  };

  const bundled = rewrite(structuredClone(document), root, undefined) as Record<string, unknown>;
  bundled[FILES_KEY] = Object.fromEntries([...files.values()].map(({ name, content }) => [name, content]));
  for (const { ref, local, owner, pointer } of written) {
    // References inside the root file are checked with the rest of the document (check-references).
    if (!local.startsWith(`#/${FILES_KEY}/`)) continue;
    try {
      resolvePointer(bundled as unknown as OpenApiDocument, local);
    } catch {
      throw new SpecError(nameOf(owner), `$ref '${ref}' does not resolve`, { pointer });
    }
  }
  return bundled as unknown as OpenApiDocument;
}

function hasExternalRef(document: OpenApiDocument): boolean {
  let found = false;
  walkObjects(document, (node) => {
    if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) found = true;
  });
  return found;
}
