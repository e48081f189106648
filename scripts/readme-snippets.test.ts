/**
 * The README's snippets of the package are excerpts of examples/frontend/ and examples/frontend-esm/,
 * whose tests `npm test` runs against the packed kit (scripts/package-example.test.ts): a snippet
 * that drifts from the code those tests exercise fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../spec/document';

interface Snippet {
  readonly file: string;
  /** Runs of lines separated by blank lines; each must appear in the file, whitespace aside. */
  readonly excerpts: readonly string[];
}

/** Every ```ts block of the README whose first line names a file of examples/. */
function snippets(): Snippet[] {
  const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n\/\/ (examples\/\S+)\n([\s\S]*?)```/g)].map((block) => ({
    file: block[1] ?? '',
    excerpts: (block[2] ?? '')
      .split(/\n\s*\n/)
      // A comment line that opens a run is the README's own, saying what the run shows.
      .map((run) => run.replace(/^\/\/ [a-z].*\n/, ''))
      .filter((run) => run.trim() !== ''),
  }));
}

const squeeze = (text: string): string => text.replace(/\s+/g, '');

describe('the README snippets of the package', () => {
  const found = snippets();

  it('cover each entry point, both test files of the CommonJS example and the ES module example', () => {
    const text = found.flatMap((s) => s.excerpts).join('\n');
    for (const entry of [
      'nexus-mock-kit/client',
      'nexus-mock-kit/msw',
      'nexus-mock-kit/types',
      "from 'nexus-mock-kit'",
    ])
      expect(text).toContain(entry);
    expect(new Set(found.map((s) => s.file))).toEqual(
      new Set([
        'examples/frontend/src/enrollment.ts',
        'examples/frontend/src/enrollment.msw.test.ts',
        'examples/frontend/src/enrollment.server.test.ts',
        'examples/frontend-esm/src/enrollment.test.ts',
      ]),
    );
  });

  it.each(
    snippets().flatMap((s) => s.excerpts.map((excerpt) => [s.file, excerpt.split('\n')[0] ?? '', excerpt])),
  )('quote %s as it is: %s', (file, _first, excerpt) => {
    const source = readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
    expect(squeeze(source)).toContain(squeeze(excerpt));
  });
});
