/** One thing wrong with a request: where (`in`, `name`) and what, in words. */
export interface RequestViolation {
  readonly in: 'path' | 'query' | 'header' | 'cookie' | 'body';
  /** The parameter's name; for the body, the dotted JSON path (`pets.0.name`), `''` for the whole body. */
  readonly name: string;
  readonly message: string;
}

/**
 * The violations as one sentence for a problem's `detail`, in their order:
 * `query parameter 'factor' must be one of: otp, ...; body 'pets.0.name' must be string`.
 * The parameters' wording is pinned by the document's examples.
 * @see spec/nexus.openapi.yaml#/components/responses/BadRequest
 */
export function describeViolations(violations: readonly RequestViolation[]): string {
  return violations.map(describe).join('; ');
}

function describe(violation: RequestViolation): string {
  if (violation.in !== 'body') return `${violation.in} parameter '${violation.name}' ${violation.message}`;
  return violation.name === ''
    ? `body ${violation.message}`
    : `body '${violation.name}' ${violation.message}`;
}
