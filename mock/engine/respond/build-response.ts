import {
  responseFor,
  type MediaModel,
  type OperationModel,
  type ResponseModel,
} from '../../../spec/operation';
import type { OpenApiDocument } from '../../../spec/document';
import { problem, statusProblem } from '../../http/problems';
import type { Choice } from '../negotiate/choose';
import { binaryBody, isBinary } from './binary';
import { describesEvent, EVENTS, eventStreamText, isEventStream } from './event-stream';
import { derive, type BodyGenerator } from './generate';
import { schemaAt } from './schema-at';
import type { SchemaCheck } from './schema-check';

/** An answer ready to be written: the status, the media type chosen, headers and body. */
export interface BuiltResponse {
  readonly status: number;
  /** Undefined for a response the document gives no content (204, most HEADs' GETs ...). */
  readonly mediaType: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Where the body came from, for `X-Mock-Decision`: `spec:example=NAME`, `spec:generated` ... */
  readonly source: string;
}

/** What building a body may need from the request, none of it state. */
export interface BuildContext {
  readonly instance: string;
  readonly traceId: string;
  /** The media types the client accepts, chosen already (see negotiateMediaType); undefined: the first. */
  readonly mediaType: string | undefined;
  /** A seed for a generated body: (seed, session, the session's n-th generated answer). */
  readonly seed: number;
  /** The behaviour's imitation of its real answer, if the operation has a behaviour. */
  readonly imitate: ((status: number) => unknown) | undefined;
}

/**
 * Builds any documented response of an operation from the document: a named example, a body
 * generated from the schema (`dynamic`), or by default a realistic one (the behaviour's imitation,
 * else the response's first example, else problem details for an error, else a generated body).
 * Choosing *which* response is `choose`'s job; this only builds it.
 */
export function createResponseBuilder(options: {
  readonly generate: BodyGenerator;
  /** The `WWW-Authenticate` value of a 401 of this operation. */
  readonly challengeFor: (operation: OperationModel) => string;
  /** The document, for what a schema says of an answer's form (`format: binary`). */
  readonly document?: OpenApiDocument;
  /** Whether a value holds against a schema: a document's example that breaks it is not served. */
  readonly holds?: SchemaCheck;
}) {
  return (operation: OperationModel, choice: Choice, context: BuildContext): BuiltResponse => {
    const response = responseFor(operation, choice.status);
    if (!response) throw new Error(`${operation.operationId} documents no response for ${choice.status}`);
    const media = mediaFor(response, choice, context.mediaType);
    const headers = {
      ...documentedHeaders(response, context.seed, options.generate),
      ...headersFor(operation, choice.status, options.challengeFor),
    };
    if (!media)
      return {
        status: choice.status,
        mediaType: undefined,
        headers,
        body: undefined,
        source: 'spec:no-content',
      };
    const made = bodyFor(choice, response, media, context, options);
    const body =
      isProblem(media.mediaType) && isRecord(made.body) ? { ...made.body, status: choice.status } : made.body;
    // A stream is not to be cached whole (what a proxy would otherwise hold back).
    const streamed = isEventStream(media.mediaType) ? { 'Cache-Control': 'no-cache', ...headers } : headers;
    return {
      status: choice.status,
      mediaType: media.mediaType,
      headers: streamed,
      body,
      source: made.source,
    };
  };
}

export type ResponseBuilder = ReturnType<typeof createResponseBuilder>;

export function isProblem(mediaType: string): boolean {
  return /^application\/problem\+json$/i.test(mediaType);
}

/** The media type to build: the one holding the named example, else the negotiated one, else the first. */
function mediaFor(
  response: ResponseModel,
  choice: Choice,
  negotiated: string | undefined,
): MediaModel | undefined {
  if (choice.example !== undefined) {
    const name = choice.example;
    const holders = response.content.filter((m) => m.examples.has(name));
    return holders.find((m) => m.mediaType === negotiated) ?? holders[0];
  }
  return response.content.find((m) => m.mediaType === negotiated) ?? response.content[0];
}

function bodyFor(
  choice: Choice,
  response: ResponseModel,
  media: MediaModel,
  context: BuildContext,
  { generate, document, holds }: { generate: BodyGenerator; document?: OpenApiDocument; holds?: SchemaCheck },
): { body: unknown; source: string } {
  if (choice.example !== undefined) {
    return { body: media.examples.get(choice.example), source: `spec:example=${choice.example}` };
  }
  // Bytes the document cannot write as an example in YAML: a small file of the type, from the seed.
  const schema = schemaAt(document, media.schemaPointer);
  if (isBinary(media.mediaType, schema))
    return { body: binaryBody(media.mediaType, context.seed), source: 'spec:generated-bytes' };
  if (isEventStream(media.mediaType)) return eventsFor(media, schema, context.seed, generate);
  if (choice.dynamic === true && media.schemaPointer !== undefined) {
    return { body: generate(media.schemaPointer, context.seed), source: 'spec:generated' };
  }
  const imitated = context.imitate?.(choice.status);
  if (imitated !== undefined) return { body: imitated, source: 'behaviour:imitated' };
  const where = { instance: context.instance, extensions: { traceId: context.traceId } };
  if (choice.status === 401 && isProblem(media.mediaType)) {
    const detail = 'The credentials were refused (forced response).';
    return { body: problem('unauthorized', { ...where, detail }), source: 'problem' };
  }
  const example = firstExampleFor(response, media, choice.status);
  // Real documents' examples drift from their schemas; an answer must keep to the schema, so a
  // broken example gives way to a generated body, and the decision names it.
  const broken =
    example !== undefined &&
    media.schemaPointer !== undefined &&
    holds !== undefined &&
    !isProblem(media.mediaType) &&
    !holds(media.schemaPointer, example.value);
  if (example && !broken) {
    const body =
      isProblem(media.mediaType) && isRecord(example.value)
        ? { ...example.value, instance: context.instance, traceId: context.traceId }
        : example.value;
    return { body, source: `spec:example=${example.name}` };
  }
  if (isProblem(media.mediaType)) {
    const detail = `The server answered ${choice.status} (forced response).`;
    return { body: statusProblem(choice.status, { ...where, detail }), source: 'problem' };
  }
  if (media.schemaPointer === undefined) return { body: null, source: 'spec:no-schema' };
  const source = broken ? `spec:generated;example-breaks-schema=${example.name}` : 'spec:generated';
  return { body: generate(media.schemaPointer, context.seed), source };
}

/**
 * An event stream: the media type's example where it is the stream's text, else a few events
 * generated from the schema (each from its own seed), else a few events numbered in their data.
 */
function eventsFor(
  media: MediaModel,
  schema: Readonly<Record<string, unknown>> | undefined,
  seed: number,
  generate: BodyGenerator,
): { body: string; source: string } {
  const first = media.examples.entries().next().value;
  if (first !== undefined && typeof first[1] === 'string')
    return { body: first[1], source: `spec:example=${first[0]}` };
  const { schemaPointer } = media;
  const values = Array.from({ length: EVENTS }, (_, index) =>
    schemaPointer === undefined ? `event ${index + 1}` : generate(schemaPointer, derive(seed, index)),
  );
  return { body: eventStreamText(values, describesEvent(schema)), source: 'spec:generated-events' };
}

/**
 * The media type's first example, if it is an example of this status: a `default` or `4XX` response's
 * example says its own status in its body, and an example of another status would contradict the answer.
 */
function firstExampleFor(
  response: ResponseModel,
  media: MediaModel,
  status: number,
): { name: string; value: unknown } | undefined {
  const first = media.examples.entries().next().value;
  if (first === undefined) return undefined;
  const [name, value] = first;
  if (typeof response.key === 'number') return { name, value };
  const said = isRecord(value) ? value.status : undefined;
  return said === undefined || said === status ? { name, value } : undefined;
}

/** Headers the mock writes itself, whatever the document says of them. */
const OWN_HEADERS = new Set(['content-type', 'content-length', 'transfer-encoding', 'connection']);

/**
 * The response headers the document gives: every required one (its example, else a value generated
 * from its schema), and optional ones it gives an example of.
 */
export function documentedHeaders(
  response: ResponseModel,
  seed: number,
  generate: BodyGenerator,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of response.headerModels) {
    if (OWN_HEADERS.has(header.name.toLowerCase())) continue;
    let value = header.example;
    if (value === undefined && header.required)
      value = header.schemaPointer === undefined ? 'mock' : generate(header.schemaPointer, seed);
    if (value !== undefined) headers[header.name] = headerText(value);
  }
  return headers;
}

/** A header's value as OpenAPI's `simple` style writes it: lists joined by commas, objects as key,value. */
function headerText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (isRecord(value)) return Object.entries(value).flat().map(String).join(',');
  // Header values cannot hold line breaks (RFC 9110 section 5.5).
  return String(value).replace(/[\r\n]+/g, ' ');
}

function headersFor(
  operation: OperationModel,
  status: number,
  challengeFor: (operation: OperationModel) => string,
): Record<string, string> {
  if (status === 401) return { 'WWW-Authenticate': challengeFor(operation) };
  // A client told to come back is told when (RFC 9110 section 10.2.3).
  if (status === 429 || status === 503) return { 'Retry-After': '1' };
  return {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
