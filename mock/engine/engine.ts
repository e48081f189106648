import type { IncomingMessage, ServerResponse } from 'node:http';
import type Ajv2020 from 'ajv/dist/2020';
import { responseFor, successStatus, type OperationModel } from '../../spec/operation';
import { decide as decideFor, type RequestContext } from '../http/context';
import { problem } from '../http/problems';
import { readBody } from '../http/read-body';
import { sendProblem } from '../http/responses';
import type { RandomSource } from '../random';
import type { Store } from '../state/store';
import type { Behaviour, BehaviourAnswer, OperationRequest, ParameterValues } from './behaviour';
import { applyFault } from './faults';
import { identify } from './identity';
import { delayFor, sleep, type Latency } from './latency';
import { negotiateMediaType } from './negotiate/accept';
import { choose, type Choice } from './negotiate/choose';
import { readPreferences } from './negotiate/prefer';
import { createResponseBuilder } from './respond/build-response';
import type { BodyGenerator } from './respond/generate';
import { serialize, writeResponse } from './respond/write-response';
import { challenges, createAuthenticator, type Authenticator } from './security';
import { compileBodyValidator } from './validate/body';
import { compileParameterValidator } from './validate/parameters';
import { describeViolations, type RequestViolation } from './validate/violations';

export interface EngineOptions {
  /**
   * Knows the document (`createSpecAjv`), with `useDefaults` and without coercion: parameter
   * validators coerce strings themselves, and JSON bodies are taken as sent.
   */
  readonly ajv: Ajv2020;
  readonly behaviours: readonly Behaviour[];
  readonly store: Store;
  readonly random: RandomSource;
  readonly generate: BodyGenerator;
  readonly baseUrl: (req: IncomingMessage) => string;
  /** Added to every answer of the document's operations (`--latency`). */
  readonly latency: Latency | undefined;
  /** The realm of `WWW-Authenticate` challenges. */
  readonly realm: string;
}

/** What the engine compiles for an operation the first time it is called, and keeps. */
interface Stages {
  readonly authenticate: Authenticator;
  readonly challenge: string;
  readonly validateParameters: ReturnType<typeof compileParameterValidator>;
  readonly validateBody: ReturnType<typeof compileBodyValidator>;
  readonly success: number | undefined;
  readonly behaviour: Behaviour | undefined;
}

/**
 * The stages every request to an operation of the document passes, in order: latency, security
 * (401), the body's arrival (413), validation of parameters and body (400, 415), then the answer:
 * what the client forces (`Prefer`), else what a scenario of its session says (delay, fault,
 * status), else the success path: the operation's behaviour, if the seed gives it one, or the
 * document's own answer (an example, or a body generated from the schema), in a media type the
 * client accepts (406). Each answer says why it is what it is in `X-Mock-Decision`.
 */
export function createEngine(options: EngineOptions) {
  const { store, random } = options;
  const { ajv } = options;
  const behaviours = new Map(options.behaviours.map((b) => [b.operationId, b]));
  const compiled = new Map<OperationModel, Stages>();
  const build = createResponseBuilder({
    generate: options.generate,
    challengeFor: (o) => stagesOf(o).challenge,
  });

  function stagesOf(operation: OperationModel): Stages {
    let stages = compiled.get(operation);
    if (!stages) {
      stages = {
        authenticate: createAuthenticator(operation.security),
        challenge: challenges(operation.security, options.realm),
        validateParameters: compileParameterValidator(ajv, operation),
        validateBody: compileBodyValidator(ajv, operation),
        success: successStatus(operation),
        behaviour: behaviours.get(operation.operationId),
      };
      compiled.set(operation, stages);
    }
    return stages;
  }

  return async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    context: RequestContext,
    operation: OperationModel,
    pathParams: Readonly<Record<string, string>>,
  ): Promise<void> {
    const { session } = context;
    const stages = stagesOf(operation);
    const decide = (decision: string): void => {
      decideFor(res, context, decision);
    };
    const gone = (): boolean => res.writableEnded || req.socket.destroyed;
    context.operationId = operation.operationId;

    if (options.latency) {
      const n = await store.nextSequence(session, 'latency');
      await sleep(delayFor(options.latency, random, `latency:${session}:${n}`));
      if (gone()) return;
    }

    const auth = stages.authenticate({ headers: req.headers, query: context.query });
    const identity = auth.ok
      ? auth.principal
        ? identify(auth.principal)
        : { ok: true as const, userId: undefined }
      : auth;
    if (!identity.ok) {
      decide(`auth:${identity.reason}`);
      sendProblem(res, problem('unauthorized', { detail: identity.detail }), {
        'WWW-Authenticate': stages.challenge,
      });
      return;
    }
    const userId = identity.userId;
    context.userId = userId;

    const read = await readBody(req);
    if (!read.ok) {
      if (read.reason === 'aborted') return;
      decide('body:too-large');
      const detail = 'The request body is larger than the mock accepts (1 MiB).';
      sendProblem(res, problem('payload-too-large', { detail }), { Connection: 'close' });
      return;
    }
    const parameters = stages.validateParameters({
      pathParams,
      query: context.query as Record<string, string | string[]>,
      headers: req.headers,
    });
    const body = stages.validateBody(req.headers['content-type'], read.body);
    if (!body.ok && body.status === 415) {
      decide('validation');
      const detail = describeViolations(body.violations);
      sendProblem(
        res,
        problem('unsupported-media-type', { detail, extensions: { errors: body.violations } }),
      );
      return;
    }
    const violations: RequestViolation[] = [
      ...(parameters.ok ? [] : parameters.violations),
      ...(body.ok ? [] : body.violations),
    ];
    if (!parameters.ok || !body.ok) {
      decide('validation');
      const code = violations.every((v) => v.in === 'query') ? 'invalid-query-parameters' : 'invalid-request';
      sendProblem(
        res,
        problem(code, { detail: describeViolations(violations), extensions: { errors: violations } }),
      );
      return;
    }
    const request: OperationRequest = {
      operation,
      context,
      userId,
      params: parameters.values,
      body: body.value,
      baseUrl: options.baseUrl(req),
    };

    const preferences = readPreferences(req.headers.prefer, context.query);
    if (preferences) {
      const resolution = choose(operation, preferences);
      if (!resolution.ok) {
        decide('prefer:invalid');
        sendProblem(res, problem('invalid-prefer', { detail: resolution.detail }));
        return;
      }
      decide(resolution.decision);
      await answerWith(resolution.choice);
      return;
    }

    const scenario = await store.claimScenario(session, {
      operation: operation.operationId,
      userId,
      parameters: flatten(parameters.values),
      responses: [...operation.responses.keys()],
    });
    if (scenario) {
      context.scenario = scenario.id;
      await sleep(scenario.delayMs ?? 0);
      if (gone()) return;
      if (scenario.fault) {
        decide(`scenario:${scenario.id}:${scenario.fault}`);
        const status = scenario.status ?? stages.success ?? 200;
        const built = build(operation, { status }, await buildContext(undefined));
        applyFault(scenario.fault, res, {
          status: built.status,
          mediaType: built.mediaType,
          text: built.mediaType === undefined ? '' : serialize(built.mediaType, built.body),
        });
        return;
      }
      if (scenario.status !== undefined) {
        decide(`scenario:${scenario.id}`);
        await answerWith({ status: scenario.status, example: scenario.example, dynamic: scenario.dynamic });
        return;
      }
    }

    const success = stages.success;
    const acceptedMedia = success === undefined ? undefined : acceptable(success);
    if (acceptedMedia === null) return;
    const successMedia: string | undefined = acceptedMedia;
    if (stages.behaviour) {
      const answer = await stages.behaviour.handle(request);
      decide(answer.decision);
      sendAnswer(answer);
      return;
    }
    if (success === undefined) {
      throw new Error(`${operation.operationId} documents no success response and has no behaviour`);
    }
    const built = build(operation, { status: success }, await buildContext(successMedia));
    decide(built.source);
    writeResponse(res, context, built);

    /** The media type to answer `status` in, or null once a 406 has been sent. */
    function acceptable(status: number): string | undefined | null {
      const documented = responseFor(operation, status)?.content.map((m) => m.mediaType) ?? [];
      if (documented.length === 0) return undefined;
      const chosen = negotiateMediaType(headerText(req.headers.accept), documented);
      // Errors are problem details whatever the client accepts (RFC 9110 allows an unacceptable error).
      if (chosen !== undefined || status >= 400) return chosen;
      decide('not-acceptable');
      const detail = `The ${status} answer is ${documented.join(' or ')}; the Accept header allows none of them.`;
      sendProblem(res, problem('not-acceptable', { detail }));
      return null;
    }

    async function buildContext(mediaType: string | undefined) {
      const n = await store.nextSequence(session, 'body');
      const imitate = stages.behaviour?.imitate;
      return {
        instance: context.path,
        traceId: context.id,
        mediaType,
        seed: random.int(`body:${session}:${n}`),
        imitate: imitate && ((status: number) => imitate(status, request, n)),
      };
    }

    async function answerWith(choice: Choice): Promise<void> {
      const mediaType = acceptable(choice.status);
      if (mediaType === null) return;
      writeResponse(res, context, build(operation, choice, await buildContext(mediaType)));
    }

    function sendAnswer(answer: BehaviourAnswer): void {
      const response = responseFor(operation, answer.status);
      const mediaType = answer.status === success ? successMedia : response?.content[0]?.mediaType;
      writeResponse(res, context, {
        status: answer.status,
        mediaType,
        headers: answer.headers ?? {},
        body: answer.body,
        source: answer.decision,
      });
    }
  };
}

export type Engine = ReturnType<typeof createEngine>;

/** Every location's validated parameters by name, for scenario matching. */
function flatten(values: ParameterValues): Record<string, unknown> {
  return { ...values.cookie, ...values.header, ...values.path, ...values.query };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
