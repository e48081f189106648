import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { corpusDir } from './paths';

/** A file as given; a folder's documents, by name (corpus/index.json is the corpus's own list, not one). */
export function documentsIn(target: string): string[] {
  if (!existsSync(target))
    throw new Error(
      target === corpusDir()
        ? `${target} does not exist: run npm run corpus:fetch first`
        : `${target} does not exist`,
    );
  if (!statSync(target).isDirectory()) return [path.resolve(target)];
  return readdirSync(target)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && name !== 'index.json')
    .sort()
    .map((name) => path.resolve(target, name));
}
