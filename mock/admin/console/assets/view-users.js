// @ts-check
import { byId, h, hidden, pill, syncChildren } from './dom.js';
import { knownUserIds } from './model.js';

/** @typedef {import('./model.js').Model} Model */
/** @typedef {import('./model.js').UserRecord} UserRecord */
/** @typedef {import('./app.js').Actions} Actions */

/**
 * The users the session's records name: their enrolled factors, their tickets, and a button that
 * deletes each (its next enrollment then gets the documented 404).
 * @param {Actions} actions
 */
export function usersView(actions) {
  const body = byId('users-table', HTMLTableElement).tBodies[0];
  const empty = document.querySelector('[data-empty="users"]');
  /** @param {Model} model */
  return (model) => {
    const ids = knownUserIds(model);
    /** @type {Map<string, number>} */
    const tickets = new Map();
    for (const ticket of model.tickets.values())
      tickets.set(ticket.userId, (tickets.get(ticket.userId) ?? 0) + 1);
    const rows = ids.map((userId) => ({
      record: model.users.get(userId) ?? { userId, user: null, deleted: false },
      tickets: tickets.get(userId) ?? 0,
    }));
    if (body)
      syncChildren(
        body,
        rows,
        (r) => r.record.userId,
        (r) => row(r.record, r.tickets, actions),
      );
    if (empty instanceof HTMLElement) empty.hidden = rows.length > 0;
  };
}

/**
 * @param {UserRecord} record
 * @param {number} tickets
 * @param {Actions} actions
 */
function row(record, tickets, actions) {
  const { user } = record;
  const state = record.deleted
    ? pill('deleted', 'error')
    : user
      ? null
      : h('span', { class: 'muted', title: 'Deleted, or refused before its first enrollment' }, 'not stored');
  return h(
    'tr',
    {},
    h('td', { class: 'wrap' }, h('code', {}, record.userId)),
    h('td', {}, user?.name ?? null, state),
    h('td', {}, user?.email ?? null),
    h(
      'td',
      {},
      user && user.enrolledFactors.length > 0
        ? user.enrolledFactors.map((f) => h('span', { class: 'factor' }, f))
        : h('span', { class: 'muted' }, user ? 'none' : '—'),
    ),
    h('td', { class: 'numeric' }, String(tickets)),
    h(
      'td',
      { class: 'actions' },
      user
        ? h(
            'button',
            {
              type: 'button',
              class: 'button button-small button-danger',
              onclick: () => void actions.deleteUser(record.userId),
            },
            'Delete',
            hidden(` ${record.userId}`),
          )
        : null,
    ),
  );
}
