import type Ajv2020 from 'ajv/dist/2020';

/**
 * Fails when the validator is compiled, not on a request, if the Ajv instance cannot keep the
 * validator's promises: every violation is reported (`allErrors`, which `createSpecAjv` sets),
 * and, where JSON is validated, JSON's types are left alone (no `coerceTypes`: `"5"` is not 5).
 */
export function checkAjv(
  ajv: Ajv2020,
  validator: string,
  options: { readonly validatesJson: boolean },
): void {
  if (ajv.opts.allErrors !== true) {
    throw new Error(`${validator} reports every violation: give it an Ajv created with allErrors`);
  }
  if (options.validatesJson && ajv.opts.coerceTypes) {
    throw new Error(
      `${validator} validates JSON as sent: give it an Ajv without coerceTypes ` +
        '(parameters and form fields are coerced by the validators themselves)',
    );
  }
}
