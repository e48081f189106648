import type { OperationModel } from '../../spec/operation';

/** `auth.CreateMfaEnrollment.no-credentials`: stable ids for reports, from the operation and the rule. */
export function caseId(group: string, operation: OperationModel | string, slug?: string): string {
  const subject = typeof operation === 'string' ? operation : operation.operationId;
  return [group, clean(subject), ...(slug === undefined ? [] : [clean(slug)])].join('.');
}

function clean(text: string): string {
  return text.replace(/[^\w.+-]+/g, '-').replace(/^-|-$/g, '');
}
