import { requiredByHttp } from '../../contracts/document-warnings';
import { runChecks, type CheckFailure } from '../../spec/conformance/checks';
import type { OutgoingRequest } from '../../contracts/inputs/call-input';
import type { SuiteSpec } from '../../contracts/suite-spec';
import type { OperationModel } from '../../spec/operation';
import { RequestBuilder } from './operation-requests';
import { send } from './send';

/** One request the corpus sent and what the checks said of its answer. */
export interface Judged {
  readonly request: string;
  readonly what: string;
  /** Undefined when there was no answer. */
  readonly status: number | undefined;
  readonly hang: boolean;
  /** Why there was no answer (a reset, a refused connection), when there was none and it was no hang. */
  readonly error?: string;
  /** A documented status and media type (status_code_conformance, content_type_conformance). */
  readonly documented: boolean;
  /** The body matches the documented schema (response_schema_conformance). */
  readonly schemaValid: boolean;
  /** Every failed check, for the findings. */
  readonly failures: readonly CheckFailure[];
}

export interface OperationVerdict {
  readonly operationId: string;
  readonly valid: Judged | undefined;
  /** Why no valid request could be built, when none was. */
  readonly unsendable?: string;
  readonly missing: Judged | undefined;
}

export interface ProbeOptions {
  readonly requestTimeoutMs: number;
  /** The whole document's probing stops sending once this is spent; operations left are not reached. */
  readonly budgetMs: number;
  readonly concurrency: number;
}

const SHAPE_CHECKS = new Set(['status_code_conformance', 'content_type_conformance']);

/**
 * Sends every operation of the document its valid request and its request with a required part left
 * out (a few operations at a time), and judges each answer with the suite's conformance checks.
 */
export async function probeOperations(
  spec: SuiteSpec,
  baseUrl: string,
  options: ProbeOptions,
): Promise<{ verdicts: OperationVerdict[]; notReached: number }> {
  const builder = new RequestBuilder(spec);
  const deadline = performance.now() + options.budgetMs;
  const verdicts: OperationVerdict[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < spec.operations.length && performance.now() < deadline) {
      const operation = spec.operations[next++];
      if (operation) verdicts.push(await probeOne(spec, builder, operation, baseUrl, options));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { verdicts, notReached: spec.operations.length - verdicts.length };
}

async function probeOne(
  spec: SuiteSpec,
  builder: RequestBuilder,
  operation: OperationModel,
  baseUrl: string,
  options: ProbeOptions,
): Promise<OperationVerdict> {
  let requests;
  try {
    requests = builder.requestsFor(operation);
  } catch (error) {
    return {
      operationId: operation.operationId,
      valid: undefined,
      unsendable: `the generators failed: ${(error as Error).message.split('\n')[0] ?? ''}`,
      missing: undefined,
    };
  }
  const judge = async (request: OutgoingRequest, what: string): Promise<Judged> => {
    const sent = await send(baseUrl, request, options.requestTimeoutMs);
    const line = `${request.method} ${request.url}`;
    if (sent.kind !== 'answered')
      return {
        request: line,
        what,
        status: undefined,
        hang: sent.kind === 'hang',
        ...(sent.kind === 'failed' && { error: sent.reason }),
        documented: false,
        schemaValid: false,
        failures: [],
      };
    // A status HTTP itself requires (a 401 the document leaves out) is the document's omission:
    // the suite warns about the document, and so does not count it against the mock here.
    const omitted = requiredByHttp(operation, sent.exchange.status) !== undefined;
    const failures = runChecks(sent.exchange, spec.checkContext(operation)).filter(
      (f) => !(omitted && f.check === 'status_code_conformance'),
    );
    return {
      request: line,
      what,
      status: sent.exchange.status,
      hang: false,
      documented: !failures.some((f) => SHAPE_CHECKS.has(f.check)),
      schemaValid: !failures.some((f) => f.check === 'response_schema_conformance'),
      failures,
    };
  };
  return {
    operationId: operation.operationId,
    valid: requests.valid && (await judge(requests.valid, 'valid')),
    ...(requests.unsendable !== undefined && { unsendable: requests.unsendable }),
    missing: requests.missing && (await judge(requests.missing.request, requests.missing.what)),
  };
}
