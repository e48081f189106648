/**
 * Picks the media type to answer in from those the response documents, by the request's `Accept`
 * (RFC 9110 section 12.5.1): the most specific matching range gives a type its quality, `q=0`
 * refuses it, and among the acceptable ones the highest quality wins, the document's order breaking
 * ties, except that XML comes after the types the mock writes from a schema (JSON, text): a client
 * that accepts anything gets JSON rather than an XML rendering. No `Accept` (or an empty one)
 * accepts anything. Undefined means nothing documented is acceptable: a 406.
 */
export function negotiateMediaType(
  accept: string | undefined,
  offered: readonly string[],
): string | undefined {
  if (offered.length === 0) return undefined;
  const documented = offered.some(isXml)
    ? [...offered.filter((t) => !isXml(t)), ...offered.filter(isXml)]
    : offered;
  if (accept === undefined || accept.trim() === '') return documented[0];
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return documented[0];
  let best: { type: string; q: number } | undefined;
  for (const type of documented) {
    const q = qualityOf(type, ranges);
    if (q > 0 && (best === undefined || q > best.q)) best = { type, q };
  }
  return best?.type;
}

interface AcceptRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
  /** 3 for `type/subtype`, 2 for `type/*`, 1 for `*\/*`: a more specific range overrides a broader one. */
  readonly specificity: number;
}

function parseAccept(header: string): AcceptRange[] {
  const ranges: AcceptRange[] = [];
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.split(';');
    const [type, subtype] = range.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim().toLowerCase());
      if (name === 'q' && value !== undefined && /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value))
        q = Number(value);
    }
    const specificity = type === '*' ? 1 : subtype === '*' ? 2 : 3;
    ranges.push({ type, subtype, q, specificity });
  }
  return ranges;
}

function qualityOf(mediaType: string, ranges: readonly AcceptRange[]): number {
  const [type = '', subtype = ''] = mediaType.split(';')[0]?.trim().toLowerCase().split('/') ?? [];
  let match: AcceptRange | undefined;
  for (const range of ranges) {
    const fits =
      range.specificity === 1 ||
      (range.type === type && (range.specificity === 2 || range.subtype === subtype));
    if (fits && (match === undefined || range.specificity > match.specificity)) match = range;
  }
  return match?.q ?? 0;
}

/** `application/xml`, `text/xml`, `application/atom+xml` ... */
export function isXml(mediaType: string): boolean {
  return /^[\w.+-]+\/(?:[\w.-]+\+)?xml\s*(?:;|$)/i.test(mediaType);
}
