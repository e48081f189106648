import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';
import type { ScenarioDraft } from '../state/scenarios';
import type { DraftValidation } from './validate-scenario';

/** A named, ready-made scenario QA can switch on with one call. */
export interface CatalogEntry {
  readonly name: string;
  readonly description: string;
  readonly scenario: ScenarioDraft;
}

export const DEFAULT_CATALOG_PATH = path.join(PACKAGE_ROOT, 'mock', 'scenarios.catalog.json');

/**
 * Reads a catalogue file (`{"scenarios": [{"name", "description", "scenario"}]}`) and checks every
 * entry as the admin API would; a bad file stops the mock at start-up, naming the entry and the field.
 * With `skipUnservable`, an entry the served document cannot serve (an example it does not have) is
 * left out instead: the kit's own catalogue is written for the kit's document, not for every one.
 */
export function loadCatalog(
  file: string,
  validate: (draft: unknown) => DraftValidation,
  { skipUnservable = false }: { readonly skipUnservable?: boolean } = {},
): CatalogEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the scenario catalogue ${file}: ${(error as Error).message}`);
  }
  const entries = (parsed as { scenarios?: unknown }).scenarios;
  if (!Array.isArray(entries)) throw new Error(`${file}: expected {"scenarios": [...]}`);
  const names = new Set<string>();
  return entries.flatMap((entry: unknown, i): CatalogEntry[] => {
    const { name, description, scenario } = (entry ?? {}) as Record<string, unknown>;
    const where = `${file}: scenarios[${i}]`;
    if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name))
      throw new Error(`${where}: name must be kebab-case`);
    if (names.has(name)) throw new Error(`${where}: the name ${name} is used twice`);
    names.add(name);
    if (typeof description !== 'string' || description === '')
      throw new Error(`${where} (${name}): description is required`);
    const checked = validate({ ...(scenario as object), name });
    if (!checked.ok) {
      if (skipUnservable) return [];
      throw new Error(
        `${where} (${name}): ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      );
    }
    return [{ name, description, scenario: checked.draft }];
  });
}
