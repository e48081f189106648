import { responseFor } from '../../../spec/operation';
import type { RandomSource } from '../../random';
import type { Store } from '../../state/store';
import type { BehaviourAnswer, OperationRequest } from '../behaviour';
import { negotiateMediaType } from '../negotiate/accept';
import type { Choice } from '../negotiate/choose';
import type { BuildContext, BuiltResponse, ResponseBuilder } from '../respond/build-response';
import { writeResponse } from '../respond/write-response';
import { decideFor, refuse, type Exchange } from './exchange';

/**
 * How one request is answered once nothing refused it: in a media type its `Accept` allows (406
 * otherwise), with a body built from the document (a choice of `Prefer` or a scenario, or the
 * document's own success answer) or given by the operation's behaviour.
 */
export function createAnswers(
  exchange: Exchange,
  request: OperationRequest,
  tools: { readonly build: ResponseBuilder; readonly store: Store; readonly random: RandomSource },
) {
  const { req, res, context, operation, stages } = exchange;

  /**
   * The media type to answer `status` in (undefined: no content), or null once a 406 has been sent.
   * With `example`, only the media types holding that example can carry it.
   */
  function acceptable(status: number, example?: string): string | undefined | null {
    const content = responseFor(operation, status)?.content ?? [];
    // The answer depends on Accept where there is a choice: say so to caches (RFC 9110 section 12.5.5).
    if (content.length > 1 && !String(res.getHeader('Vary') ?? '').includes('Accept')) {
      res.appendHeader('Vary', 'Accept');
    }
    const documented = content
      .filter((m) => example === undefined || m.examples.has(example))
      .map((m) => m.mediaType);
    if (documented.length === 0) return undefined;
    const accept = req.headers.accept;
    const chosen = negotiateMediaType(Array.isArray(accept) ? accept.join(', ') : accept, documented);
    // Errors are problem details whatever the client accepts (RFC 9110 section 15.5.7 allows it).
    if (chosen !== undefined || status >= 400) return chosen;
    const detail = `The ${status} answer is ${documented.join(' or ')}; the Accept header allows none of them.`;
    refuse(exchange, 'not-acceptable', 'not-acceptable', { detail });
    return null;
  }

  /** What building a body needs; `n` numbers the session's built answers, for seeds and ids. */
  async function buildContext(mediaType: string | undefined): Promise<BuildContext> {
    const n = await tools.store.nextSequence(context.session, 'body');
    const imitate = stages.behaviour?.imitate;
    return {
      instance: context.path,
      traceId: context.id,
      mediaType,
      seed: tools.random.int(`body:${context.session}:${n}`),
      imitate: imitate && ((status: number) => imitate(status, request, n)),
    };
  }

  return {
    /** Builds the answer a fault breaks: the choice's status, in the first media type. */
    async built(choice: Choice): Promise<BuiltResponse> {
      return tools.build(operation, choice, await buildContext(undefined));
    },

    /** Serves what `Prefer` or a scenario chose. */
    async chosen(choice: Choice): Promise<void> {
      const mediaType = acceptable(choice.status, choice.example);
      if (mediaType === null) return;
      writeResponse(res, context, tools.build(operation, choice, await buildContext(mediaType)));
    },

    /**
     * The media type a success will be answered in, worked out before anything acts on the request
     * (a scenario claimed, a ticket issued) so that a 406 changes nothing; null once it is sent.
     */
    negotiateSuccess(): string | undefined | null {
      return stages.success === undefined ? undefined : acceptable(stages.success);
    },

    /** The success path: the behaviour's answer, or the document's (its example, or a generated body). */
    async succeed(mediaType: string | undefined): Promise<void> {
      const success = stages.success;
      if (stages.behaviour) {
        const answer = await stages.behaviour.handle(request);
        decideFor(exchange, answer.decision);
        writeResponse(res, context, behaviourResponse(answer, success, mediaType));
        return;
      }
      if (operation.responses.size === 0) {
        // OpenAPI 3.1 lets an operation document no response: success, with nothing to say.
        decideFor(exchange, 'spec:no-responses');
        writeResponse(res, context, {
          status: 204,
          mediaType: undefined,
          headers: {},
          body: undefined,
          source: 'spec:no-responses',
        });
        return;
      }
      if (success === undefined) {
        // Valid OpenAPI (only ranges other than 2XX), but nothing to answer a success with.
        const detail = `The document gives ${operation.method} ${operation.path} no success response to serve; force a documented one with Prefer: code=...`;
        refuse(exchange, 'spec:no-success', 'no-success-response', { detail });
        return;
      }
      const built = tools.build(operation, { status: success }, await buildContext(mediaType));
      // An operation that documents only errors answers its first: the document says nothing else.
      decideFor(exchange, stages.successIsError ? `spec:no-success:${success}` : built.source);
      writeResponse(res, context, built);
    },
  };

  /** A behaviour's answer in the negotiated media type for its success, the documented one otherwise. */
  function behaviourResponse(
    answer: BehaviourAnswer,
    success: number | undefined,
    negotiated: string | undefined,
  ): BuiltResponse {
    const mediaType =
      answer.status === success ? negotiated : responseFor(operation, answer.status)?.content[0]?.mediaType;
    const headers = answer.headers ?? {};
    return { status: answer.status, mediaType, headers, body: answer.body, source: answer.decision };
  }
}
