// @ts-check
import { AdminError, createAdminClient } from './api.js';
import { byId, setOptions } from './dom.js';
import { applyEvent, applySnapshot, createModel, ticketStatus } from './model.js';
import { followEvents } from './sse.js';
import { askToken } from './token-dialog.js';
import { journalView } from './view-journal.js';
import { outboxView } from './view-outbox.js';
import { scenariosView } from './view-scenarios.js';
import { ticketsView } from './view-tickets.js';
import { usersView } from './view-users.js';

/** @typedef {import('./model.js').View} View */
/** @typedef {import('./model.js').Model} Model */

/**
 * What the views' buttons and forms do. Each acts through the admin API, applies the answer at once,
 * and says what happened in the page's status line; the event stream confirms it a moment later.
 * @typedef {object} Actions
 * @property {(ticketId: string) => Promise<void>} completeTicket
 * @property {(name: string) => Promise<void>} enableScenario
 * @property {(id: string) => Promise<void>} removeScenario
 * @property {(draft: Record<string, unknown>) => Promise<{ field: string, message: string }[] | null>} createScenario
 *   resolves to the fields the mock refused, or null once created
 * @property {(userId: string) => Promise<void>} deleteUser
 */

/** @type {readonly View[]} */
const VIEWS = ['tickets', 'outbox', 'journal', 'scenarios', 'users'];

/** The admin API's root (`…/__admin/`): the page is `…/__admin/console`, wherever the mock is mounted. */
const base = new URL('./', document.baseURI);
const storage = window.sessionStorage;

let tokenDeclined = false;
/**
 * Asks for the admin token until the user cancels once: then every admin call of the page fails
 * with its 401 (the page says so), and a reload asks again.
 * @param {boolean} refused
 * @returns {Promise<string | null>}
 */
async function askTokenOnce(refused) {
  if (tokenDeclined) return null;
  const token = await askToken(refused);
  if (token === null) tokenDeclined = true;
  return token;
}

async function main() {
  const named = new URLSearchParams(window.location.search).get('session');
  const session = named !== null && named !== '' ? named : await pinnedSession();
  document.title = `${session} · Console · Nexus mock`;
  const client = createAdminClient({ base, session, storage, askToken: askTokenOnce });
  const model = createModel();
  const announce = announcer();

  /** @type {Set<View>} */
  const dirty = new Set();
  let flushing = false;
  /** @param {Iterable<View>} views */
  const changed = (views) => {
    for (const view of views) dirty.add(view);
    if (flushing) return;
    flushing = true;
    setTimeout(flush, 16);
  };

  /** @type {Actions} */
  const actions = {
    async completeTicket(ticketId) {
      await act(async () => {
        const ticket = /** @type {import('./model.js').Ticket} */ (
          await client.send('POST', `tickets/${encodeURIComponent(ticketId)}/complete`)
        );
        changed(applyEvent(model, { type: 'ticket', ticket }));
        announce(`Ticket ${ticketId} completed (${ticket.enrolledFactor ?? 'no factor'}).`);
      });
    },
    async enableScenario(name) {
      await act(async () => {
        const scenario = /** @type {import('./model.js').Scenario} */ (
          await client.send('POST', `scenarios/catalog/${encodeURIComponent(name)}`)
        );
        changed(applyEvent(model, { type: 'scenario', scenarioId: scenario.id, scenario }));
        announce(`Scenario ${scenario.id} (${name}) enabled.`);
      });
    },
    async removeScenario(id) {
      await act(async () => {
        await client.send('DELETE', `scenarios/${encodeURIComponent(id)}`);
        changed(applyEvent(model, { type: 'scenario', scenarioId: id, scenario: null }));
        announce(`Scenario ${id} removed.`);
      });
    },
    async createScenario(draft) {
      try {
        const scenario = /** @type {import('./model.js').Scenario} */ (
          await client.send('POST', 'scenarios', draft)
        );
        changed(applyEvent(model, { type: 'scenario', scenarioId: scenario.id, scenario }));
        announce(`Scenario ${scenario.id} created.`);
        return null;
      } catch (error) {
        /** @type {unknown} */
        const errors = error instanceof AdminError ? error.problem.errors : undefined;
        if (Array.isArray(errors)) {
          return errors.map((/** @type {unknown} */ e) => {
            const { field, message } = /** @type {{ field?: unknown, message?: unknown }} */ (e);
            return { field: String(field), message: String(message) };
          });
        }
        if (error instanceof AdminError) return [{ field: '(body)', message: error.message }];
        throw error;
      }
    },
    async deleteUser(userId) {
      await act(async () => {
        await client.send('DELETE', `users/${encodeURIComponent(userId)}`);
        changed(applyEvent(model, { type: 'user', userId, user: null }));
        announce(`User ${userId} deleted: its next enrollment gets 404.`);
      });
    },
  };

  /** @type {Record<View, (model: Model) => void>} */
  const renderers = {
    tickets: ticketsView(actions),
    outbox: outboxView(),
    journal: journalView(),
    scenarios: scenariosView(actions),
    users: usersView(actions),
  };

  function flush() {
    flushing = false;
    const focusWasIn = document.activeElement?.closest('.view');
    for (const view of dirty) renderers[view](model);
    dirty.clear();
    updateCounts(model);
    // A button that did its work may be gone (a completed ticket has no Complete button): keep the
    // keyboard user in the view rather than at the top of the page.
    if (focusWasIn instanceof HTMLElement && !focusWasIn.contains(document.activeElement)) {
      focusWasIn.querySelector('h1')?.focus();
    }
  }

  /**
   * Runs an action; a refusal of the mock is said in the status line.
   * @param {() => Promise<void>} work
   */
  async function act(work) {
    try {
      await work();
    } catch (error) {
      announce(error instanceof Error ? error.message : String(error), 'error');
    }
  }

  // Every (re)connection reads the whole state again; events that arrive meanwhile wait, then apply.
  /** @type {Record<string, unknown>[] | undefined} */
  let waiting;
  const resync = async () => {
    waiting = [];
    try {
      const [tickets, outbox, requests, scenarios, catalog, users] = await Promise.all([
        client.get('tickets'),
        client.get('outbox'),
        client.get('requests?limit=10000'),
        client.get('scenarios'),
        client.get('scenarios/catalog'),
        client.get('users'),
      ]);
      applySnapshot(model, {
        tickets: /** @type {{ tickets: import('./model.js').Ticket[] }} */ (tickets).tickets,
        emails: /** @type {{ emails: import('./model.js').Email[] }} */ (outbox).emails,
        requests: /** @type {{ requests: import('./model.js').JournalEntry[] }} */ (requests).requests,
        scenarios: /** @type {{ scenarios: import('./model.js').Scenario[] }} */ (scenarios).scenarios,
        catalog: /** @type {{ catalog: import('./model.js').CatalogEntry[] }} */ (catalog).catalog,
        users: /** @type {{ users: import('./model.js').User[], absent: string[] }} */ (users),
      });
      byId('load-error', HTMLElement).hidden = true;
    } catch (error) {
      const banner = byId('load-error', HTMLElement);
      banner.textContent = `Could not read the session's state: ${error instanceof Error ? error.message : String(error)}`;
      banner.hidden = false;
    }
    const queued = waiting;
    waiting = undefined;
    for (const event of queued) applyEvent(model, event);
    changed(VIEWS);
    document.body.dataset.ready = 'true';
  };

  const live = byId('live', HTMLElement);
  /**
   * @param {'connecting' | 'live' | 'reconnecting' | 'offline'} state
   * @param {string} [why]
   */
  const showState = (state, why) => {
    live.dataset.state = state;
    live.textContent = {
      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: 'Reconnecting…',
      offline: 'Offline',
    }[state];
    live.title = why ?? '';
  };
  const stream = followEvents({
    open: async (signal) => {
      const response = await client.request('events', { signal, headers: { Accept: 'text/event-stream' } });
      if (response.status === 401) {
        const why = 'The admin API needs its token: reload the page to enter it.';
        stream.stop();
        showState('offline', why);
        const banner = byId('load-error', HTMLElement);
        banner.textContent = why;
        banner.hidden = false;
      }
      return response;
    },
    onEvent: (event) => {
      if (event.type === 'ready') {
        void resync();
        return;
      }
      /** @type {unknown} */
      const parsed = JSON.parse(event.data);
      if (typeof parsed !== 'object' || parsed === null) return;
      const data = /** @type {Record<string, unknown>} */ (parsed);
      if (waiting) waiting.push(data);
      else changed(applyEvent(model, data));
    },
    onState: (state, why) => {
      showState(state, why);
    },
  });
  window.addEventListener('pagehide', () => {
    stream.stop();
  });

  wireNavigation((view) => {
    changed([view]);
  });
  // The chart is drawn to the width it has: again when the window changes size.
  new ResizeObserver(() => {
    changed(['journal']);
  }).observe(byId('journal-chart', HTMLElement));
  wireSessionPicker(client, session);
  byId('reset-session', HTMLButtonElement).addEventListener('click', () => {
    if (
      !window.confirm(
        `Reset session “${session}”? Its tickets, users, emails, scenarios and journal are forgotten.`,
      )
    )
      return;
    void act(async () => {
      await client.send('POST', 'reset');
      changed(applyEvent(model, { type: 'session', action: 'reset' }));
      announce(`Session ${session} reset.`);
    });
  });
  // Time moves even when nothing happens: the chart slides, pending tickets expire.
  setInterval(() => {
    changed(['journal', 'tickets']);
  }, 1000);
}

/** The session this browser is pinned to by cookie, else `default` (`GET /__admin/session`). */
async function pinnedSession() {
  const probe = createAdminClient({ base, session: null, storage, askToken: askTokenOnce });
  try {
    const answer = /** @type {{ session?: unknown }} */ (await probe.get('session'));
    return typeof answer.session === 'string' ? answer.session : 'default';
  } catch {
    return 'default';
  }
}

/** @param {Model} model */
function updateCounts(model) {
  /** @type {Record<View, number>} */
  const counts = {
    tickets: [...model.tickets.values()].filter((t) => ticketStatus(model, t) === 'pending').length,
    outbox: model.emails.size,
    journal: model.requests.length,
    scenarios: [...model.scenarios.values()].filter((s) => s.remaining !== 0).length,
    users: [...model.users.values()].filter((u) => u.user !== null).length,
  };
  for (const view of VIEWS) {
    const badge = document.querySelector(`[data-count="${view}"]`);
    if (badge) badge.textContent = String(counts[view]);
  }
}

/**
 * The views are sections of one page, chosen by the address's fragment (`#journal`).
 * @param {(view: View) => void} onShow
 */
function wireNavigation(onShow) {
  /** @param {boolean} focus */
  const show = (focus) => {
    const wanted = window.location.hash.slice(1);
    const current = VIEWS.find((v) => v === wanted) ?? 'tickets';
    for (const view of VIEWS) {
      byId(`view-${view}`, HTMLElement).hidden = view !== current;
      const link = document.querySelector(`[data-view="${view}"]`);
      if (view === current) link?.setAttribute('aria-current', 'page');
      else link?.removeAttribute('aria-current');
    }
    onShow(current);
    if (focus) byId(`${current}-title`, HTMLElement).focus();
  };
  window.addEventListener('hashchange', () => {
    show(true);
  });
  show(false);
}

/**
 * The session picker lists the sessions the mock holds (read again each time it gets the focus);
 * Open loads the console of the chosen one.
 * @param {import('./api.js').AdminClient} client
 * @param {string} session
 */
function wireSessionPicker(client, session) {
  const select = byId('session-select', HTMLSelectElement);
  const refresh = async () => {
    /** @type {string[]} */
    let names = [];
    try {
      names = /** @type {{ sessions: string[] }} */ (await client.get('sessions')).sessions;
    } catch {
      names = [];
    }
    const all = [...new Set([session, 'default', ...names])].sort((a, b) => a.localeCompare(b));
    setOptions(
      select,
      all.map((name) => ({ value: name, label: name })),
    );
    if (select.value === '' || !all.includes(select.value)) select.value = session;
  };
  select.addEventListener('focus', () => void refresh());
  void refresh().then(() => {
    select.value = session;
  });
  byId('session-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('session', select.value);
    window.location.assign(url);
  });
}

/** Says what happened in the page's status line (read by screen readers), for a few seconds. */
function announcer() {
  const region = byId('announcer', HTMLElement);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /**
   * @param {string} message
   * @param {'info' | 'error'} [tone]
   */
  return (message, tone = 'info') => {
    region.dataset.tone = tone;
    region.textContent = message;
    clearTimeout(timer);
    timer = setTimeout(() => (region.textContent = ''), tone === 'error' ? 10_000 : 4000);
  };
}

main().catch((/** @type {unknown} */ error) => {
  const banner = byId('load-error', HTMLElement);
  banner.textContent = `The console failed to start: ${error instanceof Error ? error.message : String(error)}`;
  banner.hidden = false;
});
