/** A media type as a Content-Type gives it, with its parameters (`charset`) apart. */
export interface MediaType {
  /** Lower-cased `type/subtype`, without parameters. */
  readonly essence: string;
  readonly type: string;
  readonly subtype: string;
  readonly parameters: ReadonlyMap<string, string>;
}

/** RFC 9110 `token`, and `*` for the ranges a document may write (`application/*`, `*\/*`). */
const TYPE = /^([!#$%&'*+.^_`|~0-9a-z-]+)\/([!#$%&'*+.^_`|~0-9a-z-]+)$/;

/** Parses `type/subtype; name=value`; undefined when it is not a media type. */
export function parseMediaType(text: string): MediaType | undefined {
  const [head = '', ...rest] = text.split(';');
  const essence = head.trim().toLowerCase();
  const match = TYPE.exec(essence);
  if (!match?.[1] || !match[2]) return undefined;
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const equals = parameter.indexOf('=');
    if (equals < 0) continue;
    const value = parameter.slice(equals + 1).trim();
    parameters.set(
      parameter.slice(0, equals).trim().toLowerCase(),
      value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value,
    );
  }
  return { essence, type: match[1], subtype: match[2], parameters };
}

/** JSON, or a `+json` structured syntax (RFC 6839): `application/problem+json`. */
export function isJson(media: MediaType): boolean {
  return media.essence === 'application/json' || media.subtype.endsWith('+json');
}

/**
 * The documented media type a request's Content-Type is sent as: the same type; else a documented
 * `application/json` for a `+json` type of it (`application/merge-patch+json` is JSON) or a
 * documented `application/*+json`; else a documented range, `application/*` before `*\/*`. The most
 * specific wins, then the document's order. A request's own type is never a range.
 */
export function matchMediaType<T extends { readonly mediaType: string }>(
  sent: MediaType,
  documented: readonly T[],
): T | undefined {
  if (sent.type === '*' || sent.subtype.includes('*')) return undefined;
  let best: { rank: number; media: T } | undefined;
  for (const media of documented) {
    const rank = rankOf(sent, parseMediaType(media.mediaType));
    if (rank > 0 && (best === undefined || rank > best.rank)) best = { rank, media };
  }
  return best?.media;
}

function rankOf(sent: MediaType, documented: MediaType | undefined): number {
  if (documented === undefined) return 0;
  if (documented.essence === sent.essence) return 4;
  if (
    documented.type === sent.type &&
    sent.subtype.endsWith('+json') &&
    (documented.subtype === 'json' || documented.subtype === '*+json')
  ) {
    return 3;
  }
  if (documented.type === sent.type && documented.subtype === '*') return 2;
  return documented.essence === '*/*' ? 1 : 0;
}
