import type { OutgoingRequest } from './inputs/call-input';

/** A ready-to-paste curl command for a request (the caller redacts it: it holds the credentials). */
export function toCurl(baseUrl: string, request: OutgoingRequest): string {
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-i', '-X', request.method, quote(`${baseUrl}${request.url}`)];
  for (const [name, value] of Object.entries(request.headers ?? {}))
    parts.push('-H', quote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data-binary', quote(request.body));
  return parts.join(' ');
}
