import type { OperationModel } from '../spec/operation';

/**
 * Answers HTTP itself requires of a server whether or not a document lists them (issue 17): where
 * a document leaves one out, a deployment that gives it has done right, and the document is what
 * is incomplete. The suite warns about the document, naming the missing response, and does not fail
 * the deployment for the status (every other check of the answer still applies).
 */
const REQUIRED_BY_HTTP: Readonly<Record<number, string>> = {
  400: 'for a request the server cannot process as sent (RFC 9110, section 15.5.1)',
  401: 'for a request without valid credentials to an operation that demands them (RFC 9110, section 15.5.2)',
  405: 'for a method the resource does not support (RFC 9110, section 15.5.6)',
  406: "when no representation matches the request's Accept (RFC 9110, section 15.5.7)",
  413: 'for a body larger than the server takes (RFC 9110, section 15.5.14)',
  415: 'for a body in a media type the operation does not take (RFC 9110, section 15.5.16)',
  429: 'when a client sends too many requests (RFC 6585, section 4)',
};

/** Why HTTP requires `status` of this operation, or undefined when it does not. */
export function requiredByHttp(operation: OperationModel, status: number): string | undefined {
  if (status === 401 && !demandsCredentials(operation)) return undefined;
  return REQUIRED_BY_HTTP[status];
}

/** One line about the document: which operation leaves out which response, and why HTTP needs it. */
export function documentWarning(operation: OperationModel, status: number, why: string): string {
  return `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path}) documents no ${status} response, which HTTP requires ${why}; the deployment answered ${status} and is not failed for it`;
}

/** Every security alternative needs a credential (none is empty, as `security: [{}]` would be). */
function demandsCredentials(operation: OperationModel): boolean {
  return operation.security.length > 0 && operation.security.every((alternative) => alternative.length > 0);
}
