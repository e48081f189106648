import type { OperationModel, ResponseKey, ResponseModel } from './operation';

/**
 * The documented response for a status: its own entry, else its range (`4XX`), else `default`, which
 * covers the error statuses (4xx, 5xx: decision D7), and any status of an operation that documents
 * no success at all (then `default` is its only answer, as OpenAPI reads it), never a success or
 * redirect beside a documented success.
 */
export function responseFor(operation: OperationModel, status: number): ResponseModel | undefined {
  const key = responseKeyFor(status, operation.responses);
  return key === undefined ? undefined : operation.responses.get(key);
}

/** `responseFor`'s rule over the keys alone, for whoever holds them as data (a stored scenario's match). */
export function responseKeyFor(
  status: number,
  keys: { has(key: ResponseKey): boolean },
): ResponseKey | undefined {
  const range = `${Math.floor(status / 100)}XX` as ResponseKey;
  if (keys.has(status)) return status;
  if (keys.has(range)) return range;
  if (!keys.has('default')) return undefined;
  return status >= 400 || !documentsSuccess(keys) ? 'default' : undefined;
}

function documentsSuccess(keys: { has(key: ResponseKey): boolean }): boolean {
  if (keys.has('2XX')) return true;
  for (let status = 200; status < 300; status++) if (keys.has(status)) return true;
  return false;
}

/** The statuses the operation documents explicitly (not ranges, not `default`), ascending. */
export function documentedStatuses(operation: OperationModel): number[] {
  return [...operation.responses.keys()]
    .filter((k): k is number => typeof k === 'number')
    .sort((a, b) => a - b);
}

/**
 * The status a successful call answers with: the lowest documented 2xx, a 2XX range as 200, or 200
 * from `default` when that is all the operation documents of success (see responseKeyFor).
 */
export function successStatus(operation: OperationModel): number | undefined {
  const explicit = documentedStatuses(operation).find((s) => s >= 200 && s < 300);
  if (explicit !== undefined) return explicit;
  if (operation.responses.has('2XX')) return 200;
  return responseKeyFor(200, operation.responses) === 'default' ? 200 : undefined;
}
