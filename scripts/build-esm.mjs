// The kit's ES module build: `tsc -p tsconfig.esm.json` compiles the entry points' sources to
// dist/esm/, beside the CommonJS build in dist/, so an ESM project (`"type": "module"`, `nodenext`)
// gets declarations that import msw's ESM types, the same copy of msw its own code imports. tsc writes
// specifiers as the sources spell them ('./app'); Node's ES module loader and TypeScript's nodenext
// resolution need the file ('./app.js'). This script runs tsc, then finishes what it wrote:
//   1. a relative specifier names its file: './app' -> './app.js', './engine' -> './engine/index.js';
//   2. a subpath into a package without an `exports` map ('ajv/dist/2020') gets its '.js';
//   3. in declarations, a default import from a CommonJS package whose default export is also
//      exported by name (ajv/dist/2020: `export default Ajv2020`) imports that name: an ES module's
//      default import of a CommonJS module is its whole `module.exports`, not `exports.default` as tsc
//      read it (TS2709 "Cannot use namespace as a type" in a nodenext project);
//   4. a module that uses CommonJS's `require`, `__dirname` or `__filename` gets them from
//      `import.meta.url` (spec/document.ts finds the document from its own folder);
//   5. dist/esm/package.json says `"type": "module"`, for Node and for TypeScript.
// Plain JavaScript, as scripts/build-if-stale.mjs: it runs as part of the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist', 'esm');

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.esm.json'], { cwd: root, stdio: 'inherit' });
// tsc exits 2 when it reports type errors and still emits (`npm run typecheck` is where those fail).
if (build.status !== 0 && build.status !== 2) process.exit(build.status ?? 1);

/** Every `from '...'`, `import '...'` and `import('...')` specifier, in emitted code and declarations. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\2/g;
/** CommonJS's module-scope names, used as such (not as a property, nor inside a longer name). */
const COMMONJS_NAMES = /(?<![.\w$])(require(?=\s*[.(])|__dirname\b|__filename\b)/g;
const SHIM_MARK = '// nexus-mock-kit: CommonJS names for this ES module';

/** The specifier as Node's ES module loader finds it, from the module `file`. */
function explicit(file, specifier) {
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const base = path.resolve(path.dirname(file), specifier);
    if (/\.(m?js|json)$/.test(specifier) && existsSync(base)) return specifier;
    if (existsSync(`${base}.js`) || existsSync(`${base}.d.ts`)) return `${specifier}.js`;
    if (existsSync(path.join(base, 'index.js')) || existsSync(path.join(base, 'index.d.ts')))
      return `${specifier}/index.js`;
    throw new Error(`${path.relative(root, file)}: cannot resolve ${specifier}`);
  }
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (specifier.startsWith('node:') || parts.length <= nameLength || /\.(m?js|json)$/.test(specifier))
    return specifier;
  const packageDir = path.join(root, 'node_modules', ...parts.slice(0, nameLength));
  const manifest = path.join(packageDir, 'package.json');
  if (!existsSync(manifest) || 'exports' in JSON.parse(readFileSync(manifest, 'utf8'))) return specifier;
  return existsSync(path.join(packageDir, ...parts.slice(nameLength)) + '.js')
    ? `${specifier}.js`
    : specifier;
}

/** A default import in a declaration file: `import [type ]X[, { ... }] from '...';`. */
const DEFAULT_IMPORT = /^import (type )?([A-Za-z_$][\w$]*)(?:, \{([^}]*)\})? from (['"])([^'"\n]+)\4;/gm;

/** The name a CommonJS package file's default export also has (`export default Name`), if any. */
function defaultExportName(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const packageDir = path.join(root, 'node_modules', ...parts.slice(0, nameLength));
  const manifestFile = path.join(packageDir, 'package.json');
  if (!existsSync(manifestFile)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (manifest.type === 'module' || 'exports' in manifest) return undefined;
  const subpath = parts.slice(nameLength).join('/').replace(/\.js$/, '');
  const types = path.join(
    packageDir,
    subpath === '' ? (manifest.types ?? manifest.typings ?? 'index.d.ts') : `${subpath}.d.ts`,
  );
  if (!existsSync(types)) return undefined;
  const text = readFileSync(types, 'utf8');
  const name = /^export default ([A-Za-z_$][\w$]*);/m.exec(text)?.[1];
  const named = name && new RegExp(`^export declare (class|function|const) ${name}\\b`, 'm').test(text);
  return named ? name : undefined;
}

/** The lines that give an ES module the CommonJS names it uses. */
function shim(names) {
  const lines = [SHIM_MARK];
  if (names.has('require')) lines.push("import { createRequire as __kitRequire } from 'node:module';");
  if (names.has('__dirname') || names.has('__filename'))
    lines.push("import { fileURLToPath as __kitPath } from 'node:url';");
  if (names.has('__dirname')) lines.push("import { dirname as __kitDirname } from 'node:path';");
  if (names.has('require')) lines.push('const require = __kitRequire(import.meta.url);');
  if (names.has('__filename')) lines.push('const __filename = __kitPath(import.meta.url);');
  if (names.has('__dirname')) lines.push('const __dirname = __kitDirname(__kitPath(import.meta.url));');
  return `${lines.join('\n')}\n`;
}

function finish(file) {
  const text = readFileSync(file, 'utf8');
  let next = text.replace(SPECIFIER, (_, lead, quote, specifier) => {
    return `${lead}${quote}${explicit(file, specifier)}${quote}`;
  });
  if (file.endsWith('.d.ts'))
    next = next.replace(DEFAULT_IMPORT, (line, type = '', local, named, quote, specifier) => {
      const name = defaultExportName(specifier);
      if (name === undefined) return line;
      const imported = name === local ? name : `${name} as ${local}`;
      return `import ${type}{ ${imported}${named ? `, ${named.trim()}` : ''} } from ${quote}${specifier}${quote};`;
    });
  if (file.endsWith('.js') && !next.startsWith(SHIM_MARK)) {
    const names = new Set([...next.matchAll(COMMONJS_NAMES)].map((match) => match[1]));
    if (names.size > 0) next = shim(names) + next;
  }
  if (next !== text) writeFileSync(file, next);
}

function visit(dir) {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) visit(full);
    else if (item.name.endsWith('.js') || item.name.endsWith('.d.ts')) finish(full);
  }
}

visit(out);
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
