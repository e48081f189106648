import { isObject, resolvePointer, type OpenApiDocument } from './document';
import { walkObjects } from './walk';
import { SpecError } from './spec-error';

/** Every `$ref` in the document must resolve inside it (other files are bundled in by then). */
export function checkReferences(document: OpenApiDocument, file: string | undefined): void {
  walkObjects(document, (node, pointer) => {
    if (typeof node.$ref === 'string') checkReference(document, file, node.$ref, pointer);
  });
}

function checkReference(
  document: OpenApiDocument,
  file: string | undefined,
  ref: string,
  pointer: string,
): void {
  if (!ref.startsWith('#/')) {
    throw new SpecError(
      file,
      `$ref '${ref}' points outside the document; bundle it into one file first (npx @redocly/cli bundle)`,
      { pointer },
    );
  }
  let target: unknown;
  try {
    target = resolvePointer(document, ref);
  } catch {
    throw new SpecError(file, `$ref '${ref}' does not resolve`, { pointer });
  }
  // A chain of references that comes back on itself never reaches a node. A broken link further
  // down the chain is reported where it is written.
  for (const seen = new Set([ref]); isObject(target) && typeof target.$ref === 'string';) {
    const next = target.$ref;
    if (seen.has(next))
      throw new SpecError(file, `$ref '${ref}' leads to a cycle of references`, { pointer });
    seen.add(next);
    try {
      target = resolvePointer(document, next);
    } catch {
      return;
    }
  }
}
