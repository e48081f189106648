import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunSummary } from './summary';

const SUITE_NAME = 'Nexus contract suite';

/**
 * The run as JUnit XML, the format every CI reads: one testcase per case, named as under jest
 * (`title [id]`), a failure with its check and reason, a skip with why. Reasons are already free of
 * secrets (the runner redacts them); `durationMs` is the whole run's.
 */
export function formatJunit(summary: RunSummary, durationMs: number): string {
  const count = (outcome: string): number => summary.results.filter((r) => r.outcome === outcome).length;
  const classname = `the Nexus contract (${summary.target}, ${summary.profile} profile)`;
  const totals = `tests="${summary.results.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}" time="${(durationMs / 1000).toFixed(3)}"`;
  const cases = summary.results.map((r) => {
    const open = `    <testcase classname="${xml(classname)}" name="${xml(`${r.title} [${r.id}]`)}"`;
    if (r.outcome === 'passed') return `${open}/>`;
    const reason = r.reason ?? '';
    // A failure names where its rule comes from: the seed, or a decision of ASSUMPTIONS.md.
    const rule = `${r.check ?? 'contract'}${r.source ? ` [${r.source}]` : ''}`;
    const inner =
      r.outcome === 'skipped'
        ? `<skipped message="${xml(reason)}"/>`
        : r.outcome === 'warned'
          ? `<system-out>${xml(`WARN ${rule}: ${reason}`)}</system-out>`
          : `<failure type="${xml(r.check ?? 'contract')}" message="${xml(`${rule}: ${firstLine(reason)}`)}">${xml(reason)}</failure>`;
    return `${open}>\n      ${inner}\n    </testcase>`;
  });
  const violations = [
    ...summary.validatorViolations.map((v) => `proxy violation: ${v}`),
    ...summary.documentWarnings.map((w) => `document warning: ${w}`),
  ].map((line) => `    <system-out>${xml(line)}</system-out>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE_NAME}" ${totals}>`,
    `  <testsuite name="${SUITE_NAME}" ${totals}>`,
    ...cases,
    ...violations,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Writes reports/contracts-junit.xml (next to the summary), and returns its path. */
export function writeJunit(summary: RunSummary, durationMs: number, directory: string): string {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, 'contracts-junit.xml');
  writeFileSync(file, formatJunit(summary, durationMs));
  return file;
}

/** Text as XML character data or an attribute value; characters XML 1.0 cannot carry are dropped. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
