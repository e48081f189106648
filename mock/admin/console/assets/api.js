// @ts-check
/**
 * The console's only way to the admin API. Every call names the console's session in
 * `X-Mock-Session` and, once the mock has asked for one, carries the admin token
 * (`Authorization: Bearer`). A 401 asks the user for the token (`askToken`), keeps it in
 * `sessionStorage` and repeats the call: a mock started without `--admin-token` never asks.
 */

export const TOKEN_KEY = 'nexus-mock.admin-token';
export const SESSION_HEADER = 'X-Mock-Session';

/** How often one call asks for a token before it gives up (a wrong token asks again). */
const MAX_TOKEN_PROMPTS = 3;

/** An admin call that answered with a problem (RFC 9457) or another error. */
export class AdminError extends Error {
  /**
   * @param {number} status
   * @param {Record<string, unknown>} problem
   */
  constructor(status, problem) {
    const detail = typeof problem.detail === 'string' ? problem.detail : `The mock answered ${status}.`;
    super(detail);
    this.name = 'AdminError';
    this.status = status;
    this.problem = problem;
  }
}

/**
 * @typedef {object} TokenStorage
 * @property {(key: string) => string | null} getItem
 * @property {(key: string, value: string) => void} setItem
 * @property {(key: string) => void} removeItem
 */

/**
 * @typedef {object} AdminClientOptions
 * @property {URL} base the admin API's root, `…/__admin/`
 * @property {string | null} session the session every call names; null names none (the cookie's, or default)
 * @property {TokenStorage} storage where the token is kept (`sessionStorage`)
 * @property {(refused: boolean) => Promise<string | null>} askToken the user's token, or null when they cancel
 * @property {typeof fetch} [fetch]
 */

/** @param {AdminClientOptions} options */
export function createAdminClient(options) {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  /** @type {Promise<string | null> | undefined} */
  let asking;
  /** The user cancelled the question: later calls fail with their 401 rather than ask again. */
  let declined = false;

  /**
   * Sends one admin call; answers 401 by asking for the token and sending it again.
   * @param {string} path relative to the admin root (`tickets`, `scenarios/scn_1`)
   * @param {RequestInit} [init]
   * @returns {Promise<Response>}
   */
  async function request(path, init = {}) {
    for (let prompts = 0; ; prompts++) {
      const token = options.storage.getItem(TOKEN_KEY);
      const headers = new Headers(init.headers);
      if (options.session !== null) headers.set(SESSION_HEADER, options.session);
      if (token !== null) headers.set('Authorization', `Bearer ${token}`);
      const response = await fetchImpl(new URL(path, options.base), { ...init, headers });
      if (response.status !== 401 || prompts >= MAX_TOKEN_PROMPTS || declined) return response;
      // Calls that fail together share one question.
      asking ??= options.askToken(token !== null).finally(() => {
        asking = undefined;
      });
      const given = await asking;
      if (given === null) {
        declined = true;
        return response;
      }
      options.storage.setItem(TOKEN_KEY, given);
    }
  }

  /**
   * @param {Response} response
   * @returns {Promise<AdminError>}
   */
  async function errorOf(response) {
    /** @type {unknown} */
    let body = {};
    try {
      body = await response.json();
    } catch {
      body = {};
    }
    const problem =
      typeof body === 'object' && body !== null ? /** @type {Record<string, unknown>} */ (body) : {};
    return new AdminError(response.status, problem);
  }

  return {
    request,
    /**
     * GET, and the JSON body; an error answer rejects with `AdminError`.
     * @param {string} path
     * @returns {Promise<unknown>}
     */
    async get(path) {
      const response = await request(path);
      if (!response.ok) throw await errorOf(response);
      return jsonOf(response);
    },
    /**
     * Sends a change; an error answer rejects with `AdminError` (its `problem` holds, for a 400, the
     * fields the mock refused).
     * @param {'POST' | 'DELETE'} method
     * @param {string} path
     * @param {unknown} [body]
     * @returns {Promise<unknown>}
     */
    async send(method, path, body) {
      /** @type {RequestInit} */
      const init =
        body === undefined
          ? { method }
          : { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
      const response = await request(path, init);
      if (!response.ok) throw await errorOf(response);
      return response.status === 204 ? null : jsonOf(response);
    },
  };
}

/**
 * @param {Response} response
 * @returns {Promise<unknown>}
 */
async function jsonOf(response) {
  /** @type {unknown} */
  const body = await response.json();
  return body;
}

/** @typedef {ReturnType<typeof createAdminClient>} AdminClient */
