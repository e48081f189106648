/**
 * Bytes for an answer whose content is not text: an image, a PDF, `application/octet-stream`, or a
 * schema that says the string is binary. The same bytes for the same seed, small, and of the type
 * they claim to be where that is cheap (a 1x1 PNG or GIF, a PDF header), never JSON text.
 * @see https://spec.openapis.org/oas/v3.1.0#working-with-binary-data
 */

/** Media types whose content is bytes, whatever the schema says (SVG is XML, so text). */
const BINARY_TYPE =
  /^(?:image\/(?!svg\+xml)|audio\/|video\/|font\/|application\/(?:octet-stream|pdf|zip|gzip|x-tar)$)/i;
const TEXT_TYPE = /^(?:text\/|application\/(?:[\w.-]+\+)?(?:json|xml)$)|[+](?:json|xml)$/i;

/** Whether an answer in `mediaType` described by `schema` is bytes rather than a value. */
export function isBinary(mediaType: string, schema: Readonly<Record<string, unknown>> | undefined): boolean {
  if (BINARY_TYPE.test(mediaType)) return true;
  if (TEXT_TYPE.test(mediaType) || schema === undefined) return false;
  // OpenAPI 3.0's `format: binary`, 3.1's `contentMediaType` without a `contentEncoding` (base64 is text).
  return (
    schema.format === 'binary' ||
    (typeof schema.contentMediaType === 'string' && schema.contentEncoding === undefined)
  );
}

/** The bytes of an answer in `mediaType` (`image/*` answers a PNG), the same for the same seed. */
export function binaryBody(mediaType: string, seed: number): Buffer {
  const type = mediaType.toLowerCase();
  if (type === 'image/png' || type === 'image/*') return PNG;
  if (type === 'image/gif') return gif(seed);
  if (type === 'application/pdf') return Buffer.from(PDF, 'latin1');
  return bytes(seed, 32);
}

/** A 1x1 transparent PNG (signature, IHDR, IDAT, IEND with their CRCs). */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b4944415478da636000020000050001e9fadcd80000000049454e44ae426082',
  'hex',
);

/** A 1x1 GIF89a whose one colour comes from the seed (a GIF has no checksum to keep). */
function gif(seed: number): Buffer {
  const [r = 0, g = 0, b = 0] = bytes(seed, 3);
  return Buffer.concat([
    Buffer.from('474946383961010001008000', 'hex'),
    Buffer.from([r, g, b, 0, 0, 0]),
    Buffer.from('2c00000000010001000002024401003b', 'hex'),
  ]);
}

/** The smallest PDF readers open: one empty page. */
const PDF = [
  '%PDF-1.4',
  '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
  '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj',
  'trailer<</Root 1 0 R>>',
  '%%EOF',
  '',
].join('\n');

/** `length` bytes from a xorshift32 of the seed. */
function bytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}
