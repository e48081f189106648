import { assemble, percentDecode, primitive, splitList, type Read } from './assemble';
import type { Shape } from './shape';

export interface PathParameterPlan {
  readonly name: string;
  readonly style: 'simple' | 'label' | 'matrix';
  readonly explode: boolean;
  readonly shape: Shape;
}

/**
 * Reads a path parameter from its segment as the router matched it (still percent-encoded), in
 * its style: `simple` (`3,4`; objects `R,100,G,200` or, exploded, `R=100,G=200`), `label`
 * (`.3,4`, exploded `.3.4`) or `matrix` (`;id=3,4`, exploded `;id=3;id=4`, objects `;R=100;G=200`).
 * @see https://spec.openapis.org/oas/v3.1.0#style-examples
 */
export function readPathParameter(segment: string | undefined, plan: PathParameterPlan): Read {
  if (segment === undefined) return undefined;
  switch (plan.style) {
    case 'simple':
      return read(segment, ',', plan);
    case 'label':
      if (!segment.startsWith('.')) return { invalid: "must start with '.' (label style)" };
      return read(segment.slice(1), plan.explode ? '.' : ',', plan);
    case 'matrix':
      return readMatrix(segment, plan);
  }
}

function read(text: string, delimiter: string, plan: PathParameterPlan): Read {
  if (plan.shape === 'primitive') return primitive(text, percentDecode);
  return assemble(splitList(text, delimiter), plan.shape, plan.explode, percentDecode);
}

function readMatrix(segment: string, plan: PathParameterPlan): Read {
  const malformed = { invalid: `must be ;${plan.name}=... (matrix style)` };
  if (!segment.startsWith(';')) return malformed;
  const pieces = segment.slice(1).split(';');
  // An exploded object names each of its properties instead of the parameter: `;R=100;G=200`.
  if (plan.shape === 'object' && plan.explode) return assemble(pieces, 'object', true, percentDecode);
  const values: string[] = [];
  for (const piece of pieces) {
    const equals = piece.indexOf('=');
    if (percentDecode(equals < 0 ? piece : piece.slice(0, equals)) !== plan.name) return malformed;
    // `;color` is the empty string (OpenAPI's "empty" example row).
    values.push(equals < 0 ? '' : piece.slice(equals + 1));
  }
  if (plan.shape === 'array' && plan.explode) return assemble(values, 'array', false, percentDecode);
  const [only] = values;
  if (only === undefined || values.length > 1) return { invalid: 'must be given once' };
  return read(only, ',', { ...plan, explode: false });
}
