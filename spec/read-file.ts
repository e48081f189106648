import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parse, YAMLParseError } from 'yaml';
import { SpecError } from './spec-error';

/**
 * Reads one file of a document (the root, or one its `$ref`s name) as YAML or JSON; a file that
 * cannot be read or parsed is a SpecError naming it and, for a syntax error, the line and column.
 */
export function parseFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpecError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // JSON.parse is some fifty times faster than the YAML parser on a large JSON document, and js-yaml
  // (YAML 1.2's core schema, as `yaml` reads it) some six times faster on YAML (measured on real
  // descriptions of 0.5 to 13 MB). A file either refuses is read again by `yaml`, whose errors name
  // the line and column.
  try {
    return /^\s*[{[]/.test(text) ? (JSON.parse(text) as unknown) : load(text, { schema: CORE_SCHEMA });
  } catch {
    // Fall through.
  }
  try {
    // JSON is YAML 1.2, so one parser reads both and gives line positions for either.
    return parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const [start] = error.linePos ?? [];
      const reason =
        error.code === 'MULTIPLE_DOCS'
          ? 'the file holds more than one YAML document'
          : (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      throw new SpecError(file, reason, start && { line: start.line, column: start.col });
    }
    throw new SpecError(file, (error as Error).message);
  }
}
