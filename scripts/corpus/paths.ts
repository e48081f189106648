import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';
import type { CorpusEntry } from './manifest';

/** Where the fetched documents live: NEXUS_CORPUS_DIR, or corpus/ in the kit (ignored by git). */
export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NEXUS_CORPUS_DIR ?? path.join(PACKAGE_ROOT, 'corpus');
}

/** corpus/ID.yaml or corpus/ID.json, as the package ships it. */
export function corpusFile(entry: CorpusEntry, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(corpusDir(env), `${entry.id}${path.extname(entry.path)}`);
}
