import { CredentialKit } from '../../contracts/credentials';
import { readSuiteConfig } from '../../contracts/config';
import { toRequest, type CallInput, type OutgoingRequest } from '../../contracts/inputs/call-input';
import { OperationInputs } from '../../contracts/inputs/operation-inputs';
import { STAND_IN_ENV } from '../../contracts/stand-ins';
import type { SuiteSpec } from '../../contracts/suite-spec';
import type { OperationModel } from '../../spec/operation';

/** The two requests the corpus sends an operation: one valid, one with a required part left out. */
export interface OperationRequests {
  /** Undefined when no valid value could be derived for a required part (the reason says which). */
  readonly valid: OutgoingRequest | undefined;
  readonly unsendable: string | undefined;
  /** Undefined when the operation requires nothing (no required parameter or body, no credentials). */
  readonly missing: { readonly request: OutgoingRequest; readonly what: string } | undefined;
}

/**
 * Builds both requests with the contract suite's own generators (contracts/inputs/) and stand-in
 * credentials (the mock takes any well-formed ones): the valid one is the suite's baseline, the
 * required parts with their first listed values. The part left out is, in this order, a required
 * parameter, the required body, or the credentials of an operation that has no public alternative.
 */
export class RequestBuilder {
  private readonly credentials = new CredentialKit(readSuiteConfig(STAND_IN_ENV), true);

  constructor(private readonly spec: SuiteSpec) {}

  requestsFor(operation: OperationModel): OperationRequests {
    const inputs = new OperationInputs(this.spec, operation);
    const [alternative = []] = operation.security;
    const parts = this.credentials.partsFor(alternative);
    const unsendable = inputs.unsendable;
    const base = inputs.baseline();
    const valid = unsendable === undefined ? toRequest(operation, base, parts) : undefined;
    const missing = this.leaveOut(operation, inputs, base);
    return {
      valid,
      unsendable,
      missing:
        missing &&
        (missing.input === undefined
          ? { request: toRequest(operation, base), what: missing.what }
          : { request: toRequest(operation, missing.input, parts), what: missing.what }),
    };
  }

  /** The input without one required part; `input: undefined` means the baseline without credentials. */
  private leaveOut(
    operation: OperationModel,
    inputs: OperationInputs,
    base: CallInput,
  ): { input: CallInput | undefined; what: string } | undefined {
    const parameter = inputs.negatives().find((n) => n.what.startsWith('without the required'));
    if (parameter) return { input: parameter.input, what: parameter.what };
    if (operation.requestBody?.required === true && base.body !== undefined)
      return { input: { parameters: base.parameters }, what: 'without the required body' };
    const isPublic = operation.security.length === 0 || operation.security.some((a) => a.length === 0);
    if (!isPublic) return { input: undefined, what: 'without credentials' };
    return undefined;
  }
}
