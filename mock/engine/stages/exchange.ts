import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationModel } from '../../../spec/operation';
import { decide, type RequestContext } from '../../http/context';
import { problem, type ProblemCode } from '../../http/problems';
import { sendProblem } from '../../http/responses';
import type { DocumentedError } from '../respond/documented-error';
import { writeResponse } from '../respond/write-response';
import type { Stages } from './compile';

/** One request to one operation, as the stages pass it along. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly context: RequestContext;
  readonly operation: OperationModel;
  readonly stages: Stages;
  readonly pathParams: Readonly<Record<string, string>>;
  /** The operation's own answer for an error status (see createDocumentedErrors), if it documents one. */
  readonly documentedError: (status: number, reason: string) => DocumentedError | undefined;
}

/** Says why the answer is what it is (`X-Mock-Decision`, the log, the journal). */
export function decideFor(exchange: Exchange, decision: string): void {
  decide(exchange.res, exchange.context, decision);
}

/**
 * Refuses the request, saying why: in the shape the operation documents for the status (its
 * media type and schema, with the reason in it), else with a problem of the catalogue.
 */
export function refuse(
  exchange: Exchange,
  decision: string,
  code: ProblemCode,
  init: { readonly detail: string; readonly extensions?: Readonly<Record<string, unknown>> },
  headers: Readonly<Record<string, string>> = {},
): void {
  decideFor(exchange, decision);
  const body = problem(code, init);
  const documented = exchange.documentedError(body.status, init.detail);
  if (documented === undefined) {
    sendProblem(exchange.res, body, headers);
    return;
  }
  const { mediaType, source } = documented;
  writeResponse(exchange.res, exchange.context, {
    status: body.status,
    mediaType,
    headers,
    body: documented.body,
    source,
  });
}

/** The client went away, or an earlier stage has answered: nothing more to do. */
export function isOver(exchange: Exchange): boolean {
  return exchange.res.writableEnded || exchange.req.socket.destroyed;
}
