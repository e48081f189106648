import type { OpenAPIV3_1 } from 'openapi-types';
import { escapePointer, follow, type OpenApiDocument } from './document';
import type { SecuritySchemeModel } from './operation';
import { SpecStructureError } from './spec-structure-error';

export function describeSecurity(
  document: OpenApiDocument,
  requirements: readonly OpenAPIV3_1.SecurityRequirementObject[],
  pointer: string,
): SecuritySchemeModel[][] {
  const schemes = document.components?.securitySchemes ?? {};
  return requirements.map((requirement) =>
    Object.keys(requirement).map((name): SecuritySchemeModel => {
      const schemePointer = `#/components/securitySchemes/${escapePointer(name)}`;
      if (schemes[name] === undefined) {
        throw new SpecStructureError(
          pointer,
          `the security scheme '${name}' is not defined at ${schemePointer}`,
        );
      }
      const scheme = follow(document, schemes[name], schemePointer).node as OpenAPIV3_1.SecuritySchemeObject;
      if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') return { name, kind: 'bearer' };
      if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic') return { name, kind: 'basic' };
      if (scheme.type === 'apiKey' && ['header', 'query', 'cookie'].includes(scheme.in)) {
        return { name, kind: 'apiKey', in: scheme.in as 'header' | 'query' | 'cookie', key: scheme.name };
      }
      throw new SpecStructureError(
        schemePointer,
        `the kit mocks http bearer, http basic and apiKey schemes, not ${scheme.type}${scheme.type === 'http' ? ` ${scheme.scheme}` : ''}`,
      );
    }),
  );
}
