/** What stands where a secret was. */
export const REDACTED = '[REDACTED]';

/**
 * The length of the shortest piece of a secret the redactor recognises on its own. A secret shorter
 * than this is matched whole; a longer one also by any piece this long, so a body cut in the middle
 * of a token, or a token split across a line, still leaves nothing usable.
 */
export const PIECE_LENGTH = 8;

/** The secrets a run knows, in the shapes a server may echo them. */
export interface SecretSet {
  /** Tokens, passwords, API keys: any string a report must never show. */
  readonly secrets: readonly (string | undefined)[];
  /** Basic credentials, whose `user:password` pair is sent in base64. */
  readonly basicPairs?: readonly { readonly username: string; readonly password: string }[];
  /**
   * Texts the run itself makes public (its session name, which a mock echoes into URLs): a piece of
   * a secret that also occurs in one of them is no evidence of the secret, and is not redacted.
   */
  readonly publicTexts?: readonly string[];
}

/**
 * Every shape a secret takes on the wire or in a body: raw, base64 and base64url (at each of the
 * three alignments it can have inside a longer encoded text, padded or not), percent-encoded
 * (`encodeURIComponent`, form encoding, lower-case hex as .NET writes it), JSON-escaped (plain, and
 * with `\uXXXX` escapes as System.Text.Json and Python's `ensure_ascii` write them) and HTML-escaped.
 */
export function secretForms(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const forms = new Set<string>([
    secret,
    percent,
    formEncode(secret),
    percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    jsonEscape(secret),
    ...unicodeEscapes(secret),
    htmlEscape(secret),
  ]);
  for (const encoded of base64Alignments(secret)) forms.add(encoded);
  return [...forms].filter((form) => form.length > 0);
}

/** A form of a secret, and the index from which its characters give the secret away. */
interface Form {
  readonly text: string;
  /** Pieces that end before this index carry no secret (the user name of a Basic pair). */
  readonly from: number;
  /** False: matched only whole (a JWT, whose header and claims are readable and shared). */
  readonly pieces: boolean;
}

function formsOf(secret: string): Form[] {
  const jwt = /^[\w-]+\.[\w-]+\.([\w-]+)$/.exec(secret);
  // A JWT's header and claims are readable base64 JSON, much of it the same in every token of an
  // issuer (`eyJhbGciOi...`, `{"sub":`); what makes it usable is its signature. So the whole token
  // is matched whole, and its pieces are taken from the signature alone.
  const signature = jwt?.[1];
  if (signature !== undefined)
    return [
      ...secretForms(secret).map((text) => ({ text, from: 0, pieces: false })),
      ...secretForms(signature).map((text) => ({ text, from: 0, pieces: true })),
    ];
  return secretForms(secret).map((text) => ({ text, from: 0, pieces: true }));
}

/** The Basic pair as the header carries it: base64 of `user:password`, whose first characters encode only the user. */
function pairForms(username: string, password: string): Form[] {
  const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  const from = Math.floor((Buffer.byteLength(`${username}:`) * 8) / 6);
  return [encoded, encoded.replace(/=+$/, ''), encoded.replace(/\+/g, '-').replace(/\//g, '_')].map(
    (text) => ({
      text,
      from,
      pieces: true,
    }),
  );
}

/**
 * A function that removes every secret of `set` from a text, in every form `secretForms` lists and
 * as any piece of `PIECE_LENGTH` characters of one that carries part of the secret, replacing each
 * run of secret text with `[REDACTED]`. Matching ignores ASCII letter case, as the wire does for
 * header names (Node lower-cases them). A secret of any length is matched whole: a short one (`app`)
 * also hides ordinary text that contains it, which is why the run warns of it once at start-up.
 * Applied only to what the run writes (messages, reports, curl lines); checks see the raw answer.
 * A Basic user name alone, and the readable parts of a JWT, are left in place, and so is a
 * `[REDACTED]` already there (redacting twice must not break the marker open).
 */
export function createRedactor(set: SecretSet): (text: string) => string {
  const forms: Form[] = [];
  for (const secret of set.secrets)
    if (secret !== undefined && secret.length > 0) forms.push(...formsOf(secret));
  for (const { username, password } of set.basicPairs ?? []) {
    // The password on its own is among the secrets; here, the pair the header encodes.
    if (password.length > 0) forms.push(...pairForms(username, password));
  }
  const pieces = new Set<string>();
  const wholes: string[] = [];
  for (const { text, from, pieces: byPiece } of forms) {
    // Every form is matched whole too: a piece the run made public must not leave part of a whole secret.
    wholes.push(asciiLower(text));
    if (text.length < PIECE_LENGTH || !byPiece) continue;
    for (let i = Math.max(0, from - PIECE_LENGTH + 1); i + PIECE_LENGTH <= text.length; i++)
      pieces.add(asciiLower(text.slice(i, i + PIECE_LENGTH)));
  }
  for (const text of set.publicTexts ?? [])
    for (let i = 0; i + PIECE_LENGTH <= text.length; i++)
      pieces.delete(asciiLower(text.slice(i, i + PIECE_LENGTH)));
  wholes.sort((a, b) => b.length - a.length);
  if (pieces.size === 0 && wholes.length === 0) return (text) => text;
  const marker = asciiLower(REDACTED);

  return (original) => {
    if (original.length === 0) return original;
    const text = asciiLower(original);
    const hidden = new Uint8Array(text.length);
    for (let i = 0; i + PIECE_LENGTH <= text.length; i++) {
      if (pieces.has(text.slice(i, i + PIECE_LENGTH))) hidden.fill(1, i, i + PIECE_LENGTH);
    }
    for (const form of wholes) {
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        hidden.fill(1, at, at + form.length);
      }
    }
    for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1))
      hidden.fill(2, at, at + marker.length);
    let out = '';
    for (let i = 0; i < text.length;) {
      if (hidden[i] === 1) {
        out += REDACTED;
        while (i < text.length && hidden[i] === 1) i++;
      } else {
        const start = i;
        while (i < text.length && hidden[i] !== 1) i++;
        out += original.slice(start, i);
      }
    }
    return out;
  };
}

/** Lower-cases ASCII letters only, so every index of the result is the same character's in the original. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * At most `max` characters of a text, redacted: the cut is chosen first and redaction runs on a
 * window that reaches past it (by the longest form a secret can take), so a secret across the cut
 * is replaced whole and no piece of it is left at the edge. Bodies quoted in messages pass here.
 */
export function excerpt(text: string, max: number, redact: (text: string) => string): string {
  if (text.length <= max) return redact(text);
  const out = redact(text.slice(0, max + EXCERPT_OVERLAP));
  // The cut falls at `max` of the original; in the redacted text, never inside a marker.
  let cut = Math.min(out.length, max);
  const open = out.lastIndexOf(REDACTED, cut);
  if (open !== -1 && open < cut && open + REDACTED.length > cut) cut = open + REDACTED.length;
  return `${out.slice(0, cut)}… (${text.length} characters)`;
}

/** Longer than any form of a secret a run is given (a JWT in base64 included). */
const EXCERPT_OVERLAP = 4096;

/** The secrets among `secrets` shorter than `PIECE_LENGTH`: each may hide ordinary text in reports. */
export function isShortSecret(secret: string): boolean {
  return secret.length < PIECE_LENGTH;
}

/** Redacts every value of a header map (and Prism's `sl-violations`, which is just a header). */
export function redactHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  redact: (text: string) => string,
): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = Array.isArray(value) ? value.map(redact) : value === undefined ? undefined : redact(value);
  }
  return out;
}

function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** `\u0027` escapes: of the characters serializers escape for HTML safety, and of every non-alphanumeric, in either case. */
function unicodeEscapes(text: string): string[] {
  const escape = (pattern: RegExp, upper: boolean): string =>
    jsonEscape(text).replace(pattern, (c) => {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  return [
    escape(/[<>&'+`]/g, true),
    escape(/[<>&'+`]/g, false),
    escape(/[^A-Za-z0-9\\]/g, true),
    escape(/[^A-Za-z0-9\\]/g, false),
  ];
}

function htmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The secret's base64 text as it appears inside the encoding of a longer text: starting at a byte
 * offset of 0, 1 or 2 (mod 3) shifts every character, so each alignment is its own form. Only the
 * characters that depend on the secret alone are kept.
 */
function base64Alignments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64');
    // Characters before this one mix in the padding bytes; after the last full group, the tail
    // depends on what follows the secret.
    const first = Math.ceil((offset * 8) / 6);
    const last = Math.floor((padded.length * 8) / 6);
    const exact = offset === 0 ? [encoded, encoded.replace(/=+$/, '')] : [];
    const inner = encoded.slice(first, last);
    for (const form of [...exact, inner]) {
      if (form.length < 4) continue;
      forms.push(form, form.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return forms;
}
