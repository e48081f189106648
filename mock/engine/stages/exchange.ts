import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationModel } from '../../../spec/operation';
import { decide, type RequestContext } from '../../http/context';
import { problem, type ProblemCode } from '../../http/problems';
import { sendProblem } from '../../http/responses';
import type { Stages } from './compile';

/** One request to one operation, as the stages pass it along. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly context: RequestContext;
  readonly operation: OperationModel;
  readonly stages: Stages;
  readonly pathParams: Readonly<Record<string, string>>;
}

/** Says why the answer is what it is (`X-Mock-Decision`, the log, the journal). */
export function decideFor(exchange: Exchange, decision: string): void {
  decide(exchange.res, exchange.context, decision);
}

/** Answers with a problem of the catalogue, saying why. */
export function refuse(
  exchange: Exchange,
  decision: string,
  code: ProblemCode,
  init: { readonly detail: string; readonly extensions?: Readonly<Record<string, unknown>> },
  headers?: Readonly<Record<string, string>>,
): void {
  decideFor(exchange, decision);
  sendProblem(exchange.res, problem(code, init), headers);
}

/** The client went away, or an earlier stage has answered: nothing more to do. */
export function isOver(exchange: Exchange): boolean {
  return exchange.res.writableEnded || exchange.req.socket.destroyed;
}
