/** A broken contract rule: the message says what was sent, what came back and what the spec allows. */
export class ContractViolation extends Error {
  constructor(
    /** The named check that failed (`status_code_conformance`, `auth_refused` ...). */
    readonly check: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** Replaces every occurrence of a secret (and its base64 forms) so no output can hold one. */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = secrets
    .filter((s): s is string => s !== undefined && s.length >= 3)
    .flatMap((s) => [s, Buffer.from(s).toString('base64'), Buffer.from(s).toString('base64url')])
    .sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((out, secret) => out.split(secret).join('[REDACTED]'), text);
}
