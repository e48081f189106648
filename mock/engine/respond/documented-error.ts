import { responseFor, type MediaModel, type OperationModel } from '../../../spec/operation';
import { negotiateMediaType } from '../negotiate/accept';
import { documentedHeaders } from './build-response';
import type { BodyGenerator } from './generate';
import type { SchemaCheck } from './schema-check';

/** A refusal in the operation's own words: the documented media type and a body valid for it. */
export interface DocumentedError {
  /** Undefined where the document gives the status no content: the answer has no body. */
  readonly mediaType: string | undefined;
  readonly body: unknown;
  /** The headers the document gives the response (see documentedHeaders). */
  readonly headers: Readonly<Record<string, string>>;
  /** For `X-Mock-Decision`'s log line: `spec:example=NAME`, `spec:generated`, `spec:no-content`. */
  readonly source: string;
}

/** String members a refusal's reason fits in, most fitting first (`error.message` is looked for too). */
const REASON_KEYS = [
  'message',
  'detail',
  'error_description',
  'description',
  'error',
  'title',
  'reason',
  'msg',
];
/** Number members that say the status. */
const STATUS_KEYS = ['status', 'statusCode', 'status_code', 'code'];

/**
 * Builds the answers a mock refuses with (400, 401, 406, 413, 415 ... and forced error statuses) as
 * the operation documents that status, its range (`4XX`) or `default`: the first example of the
 * media type the client accepts, else a body generated from its schema, with the refusal's reason
 * in a fitting string member and the status in a fitting number member where the schema still
 * holds with them. Undefined where the document says nothing for the status, or documents problem
 * details itself: the mock's own problem details answer then, as they always have.
 */
export function createDocumentedErrors(options: {
  readonly generate: BodyGenerator;
  readonly holds: SchemaCheck;
}) {
  return (
    operation: OperationModel,
    status: number,
    reason: string,
    request: { readonly accept: string | undefined; readonly seed: number },
  ): DocumentedError | undefined => {
    const response = responseFor(operation, status);
    if (!response) return undefined;
    const headers = documentedHeaders(response, request.seed, options.generate);
    const [first, ...rest] = response.content;
    if (first === undefined)
      return { mediaType: undefined, body: undefined, headers, source: 'spec:no-content' };
    const media = chooseMedia([first, ...rest], request.accept);
    if (isProblemDetails(media.mediaType)) return undefined;
    const { mediaType } = media;
    const example = media.examples.entries().next().value;
    // An example that breaks its own schema gives way to a generated body, as for any answer.
    const usable =
      example !== undefined &&
      (media.schemaPointer === undefined || options.holds(media.schemaPointer, example[1]));
    if (example !== undefined && usable) {
      const [name, value] = example;
      return {
        mediaType,
        body: fitted(value, media, status, reason),
        headers,
        source: `spec:example=${name}`,
      };
    }
    if (media.schemaPointer === undefined) {
      const body = /^text\//i.test(mediaType) ? reason : { message: reason, status };
      return { mediaType, body, headers, source: 'spec:no-schema' };
    }
    const generated = options.generate(media.schemaPointer, request.seed);
    return { mediaType, body: fitted(generated, media, status, reason), headers, source: 'spec:generated' };
  };

  /** The body with the reason and status written in, where the schema (if any) still holds. */
  function fitted(body: unknown, media: MediaModel, status: number, reason: string): unknown {
    if (typeof body === 'string' && /^text\//i.test(media.mediaType)) return reason;
    if (!isRecord(body)) return body;
    const candidate = structuredClone(body);
    const target = reasonHolder(candidate);
    if (target) target.holder[target.key] = reason;
    for (const key of STATUS_KEYS) if (typeof candidate[key] === 'number') candidate[key] = status;
    if (media.schemaPointer === undefined) return candidate;
    return options.holds(media.schemaPointer, candidate) ? candidate : body;
  }
}

export type DocumentedErrors = ReturnType<typeof createDocumentedErrors>;

/** The media type the client accepts among the documented ones, else the first documented. */
function chooseMedia(
  content: readonly [MediaModel, ...MediaModel[]],
  accept: string | undefined,
): MediaModel {
  const chosen = negotiateMediaType(
    accept,
    content.map((m) => m.mediaType),
  );
  return content.find((m) => m.mediaType === chosen) ?? content[0];
}

export function isProblemDetails(mediaType: string): boolean {
  return /^application\/problem\+json\s*(;|$)/i.test(mediaType);
}

/** The string member the reason goes in: at the top, or one level down (`error.message`). */
function reasonHolder(
  body: Record<string, unknown>,
): { holder: Record<string, unknown>; key: string } | undefined {
  for (const key of REASON_KEYS) if (typeof body[key] === 'string') return { holder: body, key };
  for (const value of Object.values(body)) {
    if (!isRecord(value)) continue;
    for (const key of REASON_KEYS) if (typeof value[key] === 'string') return { holder: value, key };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
