import { isObject, type OpenApiDocument } from './document';

/**
 * The path parts of the document's `servers` URLs (`/v1` for `https://api.example.com/v1`), longest
 * first, with server variables at their defaults: a client configured with a server's URL sends
 * `/v1/chat/completions` for the path `/chat/completions`. `/` and relative roots add nothing.
 */
export function serverBasePaths(document: OpenApiDocument): string[] {
  const found = new Set<string>();
  for (const server of document.servers ?? []) {
    if (!isObject(server) || typeof server.url !== 'string') continue;
    const variables = isObject(server.variables) ? server.variables : {};
    const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
    });
    const path = pathOf(url);
    if (path !== undefined && path !== '' && path !== '/' && !path.includes('{'))
      found.add(path.replace(/\/+$/, ''));
  }
  return [...found].sort((a, b) => b.length - a.length);
}

function pathOf(url: string): string | undefined {
  if (url.startsWith('/')) return url.split(/[?#]/)[0];
  try {
    return decodeURI(new URL(url).pathname);
  } catch {
    return undefined;
  }
}
