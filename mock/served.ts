import type { LoadedDocument } from '../spec/load';

/** What a mock serves, for the start-up lines and whoever embeds it: read from the loaded document. */
export interface Served {
  readonly title: string;
  readonly version: string;
  /** The OpenAPI version the document was written in (2.0 and 3.0 are served upgraded). */
  readonly openapi: string;
  /** The absolute path it was read from; undefined for a document given as an object. */
  readonly file: string | undefined;
  readonly operations: number;
  /** The operationIds a behaviour answers (the rest are answered from the document). */
  readonly behaviours: readonly string[];
  /** Said once, at start-up (see LoadedDocument.warnings). */
  readonly warnings: readonly string[];
}

export function servedBy(loaded: LoadedDocument, behaviourIds: readonly string[]): Served {
  const info = loaded.document.info as { title?: unknown; version?: unknown } | undefined;
  return {
    title: typeof info?.title === 'string' ? info.title : 'untitled',
    version: typeof info?.version === 'string' ? info.version : '',
    openapi: loaded.version,
    file: loaded.file,
    operations: loaded.operations.length,
    behaviours: loaded.operations.map((o) => o.operationId).filter((id) => behaviourIds.includes(id)),
    warnings: loaded.warnings,
  };
}

/** The lines `nexus-mock` prints after it listens: what it serves, its warnings, the console. */
export function servedLines(served: Served, url: string): string[] {
  const count = `${served.operations} operation${served.operations === 1 ? '' : 's'}`;
  const behaviours =
    served.behaviours.length === 0
      ? ''
      : `, ${served.behaviours.length} with a behaviour (${served.behaviours.join(', ')})`;
  return [
    `Serving ${served.title}${served.version === '' ? '' : ` ${served.version}`} (OpenAPI ${served.openapi}): ${count}${behaviours}`,
    ...served.warnings.map((warning) => `warning: ${warning}`),
    `Console: ${url}/__admin/console`,
  ];
}
