import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec } from './document';

/** Every decision id used on a node of the document, with where it is used. */
function decisionsInSpec(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-nexus-decision') {
        for (const id of [value].flat() as unknown[])
          found.set(String(id), [...(found.get(String(id)) ?? []), at]);
      } else {
        visit(value, `${at}/${key}`);
      }
    }
  };
  visit(loadSpec(), '#');
  return found;
}

/** The decisions of the document: the table before the contract suite's own rules (which contracts/ checks). */
function decisionsInAssumptions(): string[] {
  const text = readFileSync(path.join(__dirname, 'ASSUMPTIONS.md'), 'utf8');
  const documentPart = text.split('## Rules the contract suite enforces')[0] ?? '';
  return [...documentPart.matchAll(/^\| (D\d+) \|/gm)].map((match) => match[1] ?? '');
}

describe('spec/ASSUMPTIONS.md', () => {
  const documented = decisionsInAssumptions();
  const used = decisionsInSpec();

  it('lists each decision once', () => {
    expect(documented.length).toBeGreaterThan(0);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('lists every decision the document is marked with', () => {
    expect([...used.keys()].filter((id) => !documented.includes(id))).toEqual([]);
  });

  it('lists no decision that no node of the document carries', () => {
    expect(documented.filter((id) => !used.has(id))).toEqual([]);
  });
});
