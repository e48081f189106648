import path from 'node:path';
import { PACKAGE_ROOT } from '../spec/document';

/** Where runs (the contract suite, benchmarks) leave their reports: NEXUS_REPORTS_DIR, or reports/ in the kit. */
export function reportsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NEXUS_REPORTS_DIR ?? path.join(PACKAGE_ROOT, 'reports');
}
