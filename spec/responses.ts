import type { OperationModel, ResponseKey, ResponseModel } from './operation';

/**
 * The documented response for a status: its own entry, else its range (`4XX`), else `default`, which
 * the document keeps for the error statuses (4xx, 5xx: decision D7), not for a success or redirect
 * the operation does not list.
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
  return status >= 400 && keys.has('default') ? 'default' : undefined;
}

/** The statuses the operation documents explicitly (not ranges, not `default`), ascending. */
export function documentedStatuses(operation: OperationModel): number[] {
  return [...operation.responses.keys()]
    .filter((k): k is number => typeof k === 'number')
    .sort((a, b) => a - b);
}

/** The status a successful call answers with: the lowest documented 2xx (or 2XX range as 200). */
export function successStatus(operation: OperationModel): number | undefined {
  const explicit = documentedStatuses(operation).find((s) => s >= 200 && s < 300);
  if (explicit !== undefined) return explicit;
  return operation.responses.has('2XX') ? 200 : undefined;
}
