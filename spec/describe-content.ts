import type { OpenAPIV3_1 } from 'openapi-types';
import { escapePointer, follow, type OpenApiDocument } from './document';
import type { MediaModel } from './operation';

export function describeContent(
  document: OpenApiDocument,
  content: Record<string, OpenAPIV3_1.MediaTypeObject>,
  pointer: string,
): MediaModel[] {
  return Object.entries(content).map(([mediaType, media]) => {
    const mediaPointer = `${pointer}/${escapePointer(mediaType)}`;
    const examples = new Map<string, unknown>(
      Object.entries(media.examples ?? {}).map(([name, example]) => [
        name,
        (
          follow(document, example, `${mediaPointer}/examples/${escapePointer(name)}`)
            .node as OpenAPIV3_1.ExampleObject
        ).value,
      ]),
    );
    if (media.example !== undefined && !examples.has('example')) examples.set('example', media.example);
    return {
      mediaType,
      schemaPointer:
        media.schema === undefined || (media.schema as unknown) === null // `schema: null` (some exporters) says nothing
          ? undefined
          : follow(document, media.schema, `${mediaPointer}/schema`).pointer,
      examples,
    };
  });
}
