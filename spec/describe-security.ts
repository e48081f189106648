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
    Object.entries(requirement).map(([name, listed]): SecuritySchemeModel => {
      const schemePointer = `#/components/securitySchemes/${escapePointer(name)}`;
      if (schemes[name] === undefined) {
        throw new SpecStructureError(
          pointer,
          `the security scheme '${name}' is not defined at ${schemePointer}`,
        );
      }
      const scheme = follow(document, schemes[name], schemePointer).node as OpenAPIV3_1.SecuritySchemeObject;
      const scopes = Array.isArray(listed) ? listed.filter((s): s is string => typeof s === 'string') : [];
      switch (scheme.type as string) {
        case 'http': {
          const http = scheme as OpenAPIV3_1.HttpSecurityScheme;
          const lower = http.scheme.toLowerCase();
          if (lower === 'bearer') return { name, kind: 'bearer' };
          if (lower === 'basic') return { name, kind: 'basic' };
          return { name, kind: 'http', scheme: http.scheme };
        }
        case 'oauth2':
        case 'openIdConnect':
          return { name, kind: 'bearer', issuer: scheme.type as 'oauth2' | 'openIdConnect', scopes };
        case 'mutualTLS':
          return { name, kind: 'mutualTLS' };
        case 'apiKey': {
          const apiKey = scheme as OpenAPIV3_1.ApiKeySecurityScheme;
          if (
            ['header', 'query', 'cookie'].includes(apiKey.in) &&
            typeof apiKey.name === 'string' &&
            apiKey.name !== ''
          )
            return { name, kind: 'apiKey', in: apiKey.in as 'header' | 'query' | 'cookie', key: apiKey.name };
          throw new SpecStructureError(
            schemePointer,
            'an apiKey scheme needs a name and a location: header, query or cookie',
          );
        }
        default:
          throw new SpecStructureError(
            schemePointer,
            `'${scheme.type as string}' is not a security scheme type of OpenAPI (http, apiKey, oauth2, openIdConnect, mutualTLS)`,
          );
      }
    }),
  );
}
