import type { Principal } from './security';

export type IdentityResult =
  | { readonly ok: true; readonly userId: string }
  | { readonly ok: false; readonly reason: string; readonly detail: string };

/**
 * The user the credentials name: a JWT's `sub` claim (the signature is not checked: this is a
 * mock), any other Bearer token as it is, or the Basic user name.
 */
export function identify(principal: Principal): IdentityResult {
  if (principal.kind === 'basic') return { ok: true, userId: principal.username };
  const claims = jwtClaims(principal.token);
  if (claims === undefined) return { ok: true, userId: principal.token };
  const sub = claims.sub;
  if (typeof sub === 'string' && sub !== '') return { ok: true, userId: sub };
  return {
    ok: false,
    reason: 'jwt-without-sub',
    detail: 'The Bearer token is a JWT without a sub claim naming the user.',
  };
}

/**
 * The claims of a token shaped like a JWT (RFC 7519: three base64url parts whose first two are JSON
 * objects). Any such token is read as a JWT, so a JWT is never mistaken for an opaque user id.
 */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || decodeJson(parts[0] ?? '') === undefined) return undefined;
  return decodeJson(parts[1] ?? '');
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
