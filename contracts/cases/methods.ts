import { label } from '../../spec/conformance/checks';
import type { OperationModel } from '../../spec/operation';
import type { Answer, CaseContext, ContractCase } from '../case';
import { SUITE_DECISIONS } from '../decisions';
import { expectConclusive } from '../expect';
import { toRequest } from '../inputs/call-input';
import { ContractViolation } from '../violation';
import { caseId } from './ids';
import { access, validParts } from './operation-access';

const CHECK = 'unsupported_method';
const SAFE = ['GET', 'HEAD'] as const;
const UNSAFE = ['PUT', 'POST', 'PATCH', 'DELETE'] as const;
const BODILESS: ReadonlySet<string> = new Set([...SAFE, 'OPTIONS']);

/**
 * `unsupported_method` for each path of the document: every method it does not document gets 405
 * with an `Allow` header naming the documented ones (D15), and changes nothing. Undocumented unsafe
 * methods are sent to a deployment only with NEXUS_ALLOW_UNSAFE_METHODS=true: an undocumented DELETE
 * may exist, and do harm. OPTIONS may also answer 2xx (CORS preflights, `Allow` listings).
 */
export function methodCases(operations: readonly OperationModel[]): ContractCase[] {
  const byPath = new Map<string, OperationModel[]>();
  for (const operation of operations)
    byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  const cases: ContractCase[] = [];
  for (const [path, onPath] of byPath) {
    const documented = onPath.map((o) => o.method);
    const first = onPath[0];
    if (!first) continue;
    const safe = SAFE.filter((m) => !documented.includes(m) && !(m === 'HEAD' && documented.includes('GET')));
    const unsafe = UNSAFE.filter((m) => !documented.includes(m));
    cases.push({
      id: caseId('methods', path, 'safe'),
      group: 'methods',
      title: `${path} answers ${[...safe, 'OPTIONS'].join(', ')} with 405 and Allow unless documented`,
      needs: [access(first)],
      run: async (context) => {
        for (const method of safe) expectMethodNotAllowed(await sendAs(context, first, method), documented);
        const options = await sendAs(context, first, 'OPTIONS');
        const status = options.exchange.status;
        if (status === 405) expectMethodNotAllowed(options, documented);
        else if (status < 200 || status >= 300)
          throw new ContractViolation(
            CHECK,
            `${label(options.exchange)}: OPTIONS must be answered (2xx) or refused with 405 and Allow. Received: ${status}`,
            SUITE_DECISIONS.undocumentedMethods,
          );
      },
    });
    if (unsafe.length > 0)
      cases.push({
        id: caseId('methods', path, 'unsafe'),
        group: 'methods',
        title: `${path} refuses ${unsafe.join(', ')} with 405 and Allow unless documented, and changes nothing`,
        needs: [access(first), 'unsafe-methods'],
        run: async (context) => {
          const before = context.traits.isMock ? await storeCounts(context) : undefined;
          for (const method of unsafe)
            expectMethodNotAllowed(await sendAs(context, first, method), documented);
          if (before === undefined) return;
          const after = await storeCounts(context);
          if (after !== before)
            throw new ContractViolation(
              CHECK,
              `${unsafe.join(', ')} ${path}: undocumented methods must change nothing. The store held ${before}, then ${after}`,
              SUITE_DECISIONS.undocumentedMethods,
            );
        },
      });
  }
  return cases;
}

/** The operation's valid request (path, parameters, credentials), sent with another method. */
async function sendAs(context: CaseContext, operation: OperationModel, method: string): Promise<Answer> {
  const request = toRequest(operation, context.inputs(operation).baseline(), validParts(context, operation));
  if (!BODILESS.has(method)) return context.send({ ...request, method });
  // A GET, HEAD or OPTIONS says nothing with a body (RFC 9110, section 9.3): the operation's body
  // stays home, and so does what describes it (with one, Node's client now and then reads a closing
  // answer as HPE_CLOSED_CONNECTION).
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([name]) => !/^content-(type|length)$/i.test(name)),
  );
  return context.send({ method, url: request.url, headers });
}

function expectMethodNotAllowed(answer: Answer, documented: readonly string[]): void {
  expectConclusive(answer);
  const { exchange } = answer;
  if (exchange.status !== 405)
    throw new ContractViolation(
      CHECK,
      `${label(exchange)}: a method the path does not document must get 405. Received: ${exchange.status}. Documented methods: ${documented.join(', ')}`,
      SUITE_DECISIONS.undocumentedMethods,
    );
  const header = exchange.headers.allow;
  const allow = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '');
  const missing = documented.filter((m) => !allow.includes(m));
  if (header === undefined || missing.length > 0)
    throw new ContractViolation(
      CHECK,
      `${label(exchange)}: a 405 must carry Allow with the documented methods. Received: ${header === undefined ? 'no Allow header' : `Allow: ${String(header)}`}. Expected: ${documented.join(', ')}`,
      SUITE_DECISIONS.undocumentedMethods,
    );
}

/**
 * What the mock holds in the run's own session (tickets, emails, scenarios, the users they name):
 * another client of a shared mock cannot change it between the two readings.
 */
async function storeCounts(context: CaseContext): Promise<string> {
  const listed = async (path: string, key: string): Promise<number> => {
    const answer = await context.admin(path);
    const items = (answer.json as Record<string, unknown> | undefined)?.[key];
    return Array.isArray(items) ? items.length : -1;
  };
  return JSON.stringify({
    tickets: await listed('/__admin/tickets', 'tickets'),
    emails: await listed('/__admin/outbox', 'emails'),
    scenarios: await listed('/__admin/scenarios', 'scenarios'),
  });
}
