import { documentedMedia, mediaTypeOf, type Exchange } from '../spec/conformance/checks';
import { responseKeyFor, type OperationModel, type ResponseKey } from '../spec/operation';

/** One documented response (status or range or `default`, and media type) and what the run saw of it. */
export interface CoverageRow {
  readonly response: string;
  /** Null for a response without a body. */
  readonly mediaType: string | null;
  readonly exchanges: number;
  readonly failed: number;
  /** For `default` and ranges: the statuses that were served from it, so they are not invisible. */
  readonly statuses: readonly number[];
}

export interface OperationCoverage {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly responses: readonly CoverageRow[];
  /** Answers no documented response covers (each also failed `status_code_conformance`). */
  readonly undocumented: readonly { readonly status: number; readonly exchanges: number }[];
}

export interface CoverageReport {
  readonly operations: readonly OperationCoverage[];
  readonly documented: number;
  readonly observed: number;
  /** Share of documented responses observed, in percent (one decimal). */
  readonly percent: number;
}

interface Tally {
  exchanges: number;
  failed: number;
  statuses: Set<number>;
}

/**
 * Which documented responses of which operations a run observed, like Specmatic's API coverage
 * report: every exchange with an operation is counted against the response that documents its
 * status (its own entry, its range, or `default`) and its media type.
 */
export class Coverage {
  private readonly tallies = new Map<OperationModel, Map<string, Tally>>();
  private readonly undocumented = new Map<OperationModel, Map<number, number>>();

  constructor(private readonly operations: readonly OperationModel[]) {
    for (const operation of operations) {
      const rows = new Map<string, Tally>();
      for (const [key, response] of operation.responses) {
        const types = response.content.length === 0 ? [null] : response.content.map((m) => m.mediaType);
        for (const type of types)
          rows.set(rowKey(key, type), { exchanges: 0, failed: 0, statuses: new Set() });
      }
      this.tallies.set(operation, rows);
    }
  }

  record(operation: OperationModel, exchange: Exchange, failed: boolean): void {
    const rows = this.tallies.get(operation);
    if (!rows) return;
    const key = responseKeyFor(exchange.status, operation.responses);
    if (key === undefined) {
      const counts = this.undocumented.get(operation) ?? new Map<number, number>();
      counts.set(exchange.status, (counts.get(exchange.status) ?? 0) + 1);
      this.undocumented.set(operation, counts);
      return;
    }
    const response = operation.responses.get(key);
    const received = mediaTypeOf(exchange);
    const type =
      response?.content.length === 0
        ? null
        : received === undefined
          ? undefined
          : documentedMedia(response?.content ?? [], received)?.mediaType;
    // An answer in an undocumented media type (or an empty 401) counts for no row's media type.
    if (type === undefined) return;
    const tally = rows.get(rowKey(key, type));
    if (!tally) return;
    tally.exchanges++;
    if (failed) tally.failed++;
    tally.statuses.add(exchange.status);
  }

  /** Documented responses no exchange has reached yet. */
  unobserved(operation: OperationModel): { key: ResponseKey; mediaType: string | null }[] {
    const rows = this.tallies.get(operation) ?? new Map<string, Tally>();
    return [...rows.entries()].filter(([, tally]) => tally.exchanges === 0).map(([row]) => parseRowKey(row));
  }

  report(): CoverageReport {
    const operations = this.operations.map((operation): OperationCoverage => {
      const rows = this.tallies.get(operation) ?? new Map<string, Tally>();
      return {
        operationId: operation.operationId,
        method: operation.method,
        path: operation.path,
        responses: [...rows.entries()].map(([row, tally]) => {
          const { key, mediaType } = parseRowKey(row);
          return {
            response: String(key),
            mediaType,
            exchanges: tally.exchanges,
            failed: tally.failed,
            statuses: typeof key === 'number' ? [] : [...tally.statuses].sort((a, b) => a - b),
          };
        }),
        undocumented: [...(this.undocumented.get(operation) ?? new Map<number, number>()).entries()].map(
          ([status, exchanges]) => ({ status, exchanges }),
        ),
      };
    });
    const all = operations.flatMap((o) => o.responses);
    const observed = all.filter((r) => r.exchanges > 0).length;
    return {
      operations,
      documented: all.length,
      observed,
      percent: all.length === 0 ? 100 : Math.round((observed / all.length) * 1000) / 10,
    };
  }
}

/** A media type may hold spaces (`application/json; charset=utf-8`): the key's parts are split at a NUL. */
function rowKey(key: ResponseKey, mediaType: string | null): string {
  return `${String(key)}\u0000${mediaType ?? ''}`;
}

function parseRowKey(row: string): { key: ResponseKey; mediaType: string | null } {
  const [key = '', mediaType = ''] = row.split('\u0000');
  return {
    key: (/^\d+$/.test(key) ? Number(key) : key) as ResponseKey,
    mediaType: mediaType === '' ? null : mediaType,
  };
}

/** The coverage table, one line per documented response, for the summary. */
export function formatCoverage(report: CoverageReport): string[] {
  const lines = [
    `Coverage: ${report.observed}/${report.documented} documented responses observed (${report.percent}%)`,
  ];
  for (const operation of report.operations) {
    lines.push(`  ${operation.operationId} (${operation.method} ${operation.path})`);
    for (const row of operation.responses) {
      const seen = row.exchanges === 0 ? 'not observed' : `${row.exchanges} exchanges, ${row.failed} failed`;
      const served =
        row.statuses.length > 0 && row.response === 'default'
          ? `; served from default: ${row.statuses.join(', ')}`
          : row.statuses.length > 0
            ? `; statuses ${row.statuses.join(', ')}`
            : '';
      lines.push(
        `    ${row.exchanges === 0 ? '-' : '+'} ${row.response.padEnd(7)} ${(row.mediaType ?? '(no body)').padEnd(26)} ${seen}${served}`,
      );
    }
    for (const { status, exchanges } of operation.undocumented)
      lines.push(`    ! ${String(status).padEnd(7)} ${'undocumented'.padEnd(26)} ${exchanges} exchanges`);
  }
  return lines;
}
