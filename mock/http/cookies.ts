/**
 * The cookies of a `Cookie` header (RFC 6265 section 5.4), each name with every value it was sent
 * with. Values are unquoted and percent-decoded; a value that does not decode is kept as sent,
 * since RFC 6265 allows a bare `%` in a cookie.
 */
export function parseCookies(header: string | undefined): Map<string, string[]> {
  const cookies = new Map<string, string[]>();
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const name = part.slice(0, equals).trim();
    if (name === '') continue;
    const value = decode(unquote(part.slice(equals + 1).trim()));
    const values = cookies.get(name);
    if (values) values.push(value);
    else cookies.set(name, [value]);
  }
  return cookies;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The value of one cookie (its first, when sent more than once); undefined when absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  // Most requests carry no cookie: no map to build for them.
  if (header === undefined) return undefined;
  return parseCookies(header).get(name)?.[0];
}
