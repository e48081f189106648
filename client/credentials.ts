/**
 * How the client authenticates, as the spec's security says for every operation: a Bearer token
 * together with the application token, or HTTP Basic.
 * @see spec/nexus.openapi.yaml#/components/securitySchemes
 */
export interface BearerCredentials {
  /** The user's access token, sent as `Authorization: Bearer <bearer>`. */
  readonly bearer: string;
  /** The calling application's token, sent in the header the spec names (`X-Application-Token`). */
  readonly applicationToken: string;
}

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

export type NexusCredentials = BearerCredentials | BasicCredentials;

/** The header of the `ApplicationToken` scheme; client/security.test.ts holds it to the document. */
export const APPLICATION_TOKEN_HEADER = 'X-Application-Token';

/** The headers that carry the credentials. */
export function credentialHeaders(credentials: NexusCredentials): Record<string, string> {
  if ('bearer' in credentials)
    return {
      Authorization: `Bearer ${credentials.bearer}`,
      [APPLICATION_TOKEN_HEADER]: credentials.applicationToken,
    };
  return { Authorization: `Basic ${base64(`${credentials.username}:${credentials.password}`)}` };
}

/** UTF-8 then base64 (RFC 7617's charset="UTF-8"), with what browsers and Node both have. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Checks a credentials value from outside the type system (JavaScript callers, configuration), so a
 * wrong shape fails at once with a message naming the field, not as a 401 later. Returns the problem.
 */
export function credentialsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'credentials must be { bearer, applicationToken } or { username, password }';
  const fields = value as Record<string, unknown>;
  const keys = Object.keys(fields).sort().join(',');
  const shapes: Record<string, readonly string[]> = {
    'applicationToken,bearer': ['bearer', 'applicationToken'],
    'password,username': ['username', 'password'],
  };
  const expected = shapes[keys];
  if (!expected)
    return `credentials must be { bearer, applicationToken } or { username, password }, got { ${Object.keys(fields).join(', ')} }`;
  for (const name of expected) {
    const field = fields[name];
    if (typeof field !== 'string' || field === '') return `credentials.${name} must be a non-empty string`;
    // A header value cannot hold a line break or another control character.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(field)) return `credentials.${name} must not contain control characters`;
  }
  if (typeof fields.username === 'string' && fields.username.includes(':'))
    return 'credentials.username must not contain a colon (RFC 7617)';
  return undefined;
}
