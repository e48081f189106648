import type { IncomingMessage, ServerResponse } from 'node:http';
import type Ajv2020 from 'ajv/dist/2020';
import type { OpenApiDocument } from '../../spec/document';
import type { OperationModel } from '../../spec/operation';
import { decide, type RequestContext } from '../http/context';
import { answerMethodNotAllowed } from '../http/responses';
import type { RandomSource } from '../random';
import type { Store } from '../state/store';
import type { Behaviour, OperationRequest } from './behaviour';
import { applyFault } from './faults';
import type { Clock } from '../clock';
import { delayFor, type Latency } from './latency';
import { choose } from './negotiate/choose';
import { readPreferences } from './negotiate/prefer';
import { createResponseBuilder } from './respond/build-response';
import { createDocumentedErrors } from './respond/documented-error';
import type { BodyGenerator } from './respond/generate';
import { createSchemaViolations, holdsBy, type SchemaViolations } from './respond/schema-check';
import { serialize, writeResponse } from './respond/write-response';
import { admit } from './stages/admit';
import { createAnswers } from './stages/answer';
import { createStageCompiler } from './stages/compile';
import { decideFor, isOver, refuse, type Exchange } from './stages/exchange';

export interface EngineOptions {
  /**
   * Knows the document (`createSpecAjv`), with `useDefaults` and without coercion: parameter
   * validators coerce strings themselves, and JSON bodies are taken as sent.
   */
  readonly ajv: Ajv2020;
  /** The document the Ajv knows, for what its schemas say beyond validation (`readOnly`). */
  readonly document?: OpenApiDocument;
  /** The schema checks `generate` uses, shared so each schema is compiled once. */
  readonly violations?: SchemaViolations;
  readonly behaviours: readonly Behaviour[];
  readonly store: Store;
  readonly random: RandomSource;
  /** Reads the time and waits: latency and scenario delays. */
  readonly clock: Clock;
  readonly generate: BodyGenerator;
  readonly baseUrl: (req: IncomingMessage) => string;
  /** Added to every answer of the document's operations (`--latency`). */
  readonly latency: Latency | undefined;
  /** The realm of `WWW-Authenticate` challenges. */
  readonly realm: string;
}

/**
 * The stages every request to an operation of the document passes, in order: latency; security
 * (401), the body's arrival (413) and validation (400, 415); then the answer: what the client
 * forces (`Prefer`), else what a scenario of its session says (delay, fault, status), else the
 * success path: the operation's behaviour, if the seed gives it one, or the document's own answer.
 * Each answer says why it is what it is in `X-Mock-Decision`.
 */
export function createEngine(options: EngineOptions) {
  const { store, random } = options;
  const stagesOf = createStageCompiler(options);
  // One compiled check per schema, for the examples and error bodies answers are built from.
  const holds = holdsBy(options.violations ?? createSchemaViolations(options.ajv, options.document));
  const documentedErrors = createDocumentedErrors({ generate: options.generate, holds });
  const build = createResponseBuilder({
    generate: options.generate,
    challengeFor: (operation) => stagesOf(operation).challenge,
    document: options.document,
    holds,
  });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    context: RequestContext,
    operation: OperationModel,
    pathParams: Readonly<Record<string, string>>,
  ): Promise<void> {
    const exchange: Exchange = {
      req,
      res,
      context,
      operation,
      stages: stagesOf(operation),
      pathParams,
      documentedError: (status, reason) =>
        documentedErrors(operation, status, reason, {
          accept: Array.isArray(req.headers.accept) ? req.headers.accept.join(', ') : req.headers.accept,
          // The same refusal of the same session reads the same (bodies are generated from the schema).
          seed: random.int(`error:${context.session}:${operation.operationId}:${status}`),
        }),
    };
    const { session } = context;
    context.operationId = operation.operationId;

    if (options.latency) {
      const n = await store.nextSequence(session, 'latency');
      await options.clock.sleep(delayFor(options.latency, random, `latency:${session}:${n}`));
      if (isOver(exchange)) return;
    }

    const admitted = await admit(exchange);
    if (!admitted) return;
    const request: OperationRequest = { operation, context, ...admitted, baseUrl: options.baseUrl(req) };
    const answers = createAnswers(exchange, request, { build, store, random });

    const preferences = readPreferences(req.headers.prefer, context.query);
    if (preferences) {
      const resolution = choose(operation, preferences);
      if (!resolution.ok) {
        refuse(exchange, 'prefer:invalid', 'invalid-prefer', { detail: resolution.detail });
        return;
      }
      decideFor(exchange, resolution.decision);
      await answers.chosen(resolution.choice);
      return;
    }

    const successMedia = answers.negotiateSuccess();
    if (successMedia === null) return;
    const scenario = await store.claimScenario(session, {
      operation: operation.operationId,
      userId: admitted.userId,
      parameters: admitted.params,
      responses: exchange.stages.responseKeys,
      examples: exchange.stages.exampleKeys,
    });
    if (scenario) {
      context.scenario = scenario.id;
      await options.clock.sleep(scenario.delayMs ?? 0);
      if (isOver(exchange)) return;
      if (scenario.fault) {
        decideFor(exchange, `scenario:${scenario.id}:${scenario.fault}`);
        const status = scenario.status ?? exchange.stages.success;
        const built = status === undefined ? undefined : await answers.built({ status });
        const text = built?.mediaType === undefined ? '' : serialize(built.mediaType, built.body);
        applyFault(scenario.fault, res, { status: status ?? 500, mediaType: built?.mediaType, text });
        return;
      }
      if (scenario.status !== undefined) {
        decideFor(exchange, `scenario:${scenario.id}`);
        await answers.chosen({
          status: scenario.status,
          example: scenario.example,
          dynamic: scenario.dynamic,
        });
        return;
      }
    }

    await answers.succeed(successMedia);
  }

  /**
   * A 405 for a path the document has with other methods (OPTIONS lists them, 204): in the shape
   * one of the path's operations documents for it, else problem details.
   */
  function refuseMethod(
    req: IncomingMessage,
    res: ServerResponse,
    context: RequestContext,
    operations: readonly OperationModel[],
    allow: readonly string[],
  ): void {
    decide(res, context, 'method:not-allowed');
    const accept = Array.isArray(req.headers.accept) ? req.headers.accept.join(', ') : req.headers.accept;
    const detail = `${req.method ?? ''} is not allowed on ${context.path}. Allowed: ${allow.join(', ')}.`;
    for (const operation of req.method === 'OPTIONS' ? [] : operations) {
      const seed = random.int(`error:${context.session}:${operation.operationId}:405`);
      const documented = documentedErrors(operation, 405, detail, { accept, seed });
      if (documented === undefined) continue;
      const headers = { ...documented.headers, Allow: allow.join(', ') };
      writeResponse(res, context, { ...documented, status: 405, headers });
      return;
    }
    answerMethodNotAllowed(req, res, allow);
  }

  return Object.assign(handle, { refuseMethod });
}

export type Engine = ReturnType<typeof createEngine>;
