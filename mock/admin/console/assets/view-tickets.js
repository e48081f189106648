// @ts-check
import { byId, h, hidden, pill, syncChildren, timeOf } from './dom.js';
import { ticketStatus } from './model.js';

/** @typedef {import('./model.js').Model} Model */
/** @typedef {import('./model.js').Ticket} Ticket */
/** @typedef {import('./app.js').Actions} Actions */

/** @type {Record<string, 'ok' | 'info' | 'muted' | 'purple'>} */
const TONES = { pending: 'info', completed: 'ok', expired: 'muted', superseded: 'purple' };

/**
 * Tickets, newest first: status, user, factor, times, the enrollment page, and a button that
 * completes each pending one.
 * @param {Actions} actions
 */
export function ticketsView(actions) {
  const body = byId('tickets-table', HTMLTableElement).tBodies[0];
  const filter = byId('tickets-status', HTMLSelectElement);
  const empty = document.querySelector('[data-empty="tickets"]');
  /** @type {Model | undefined} */
  let last;
  filter.addEventListener('change', () => {
    if (last) render(last);
  });

  /** @param {Model} model */
  function render(model) {
    last = model;
    const wanted = filter.value;
    const tickets = [...model.tickets.values()]
      .reverse()
      .map((ticket) => ({ ...ticket, status: ticketStatus(model, ticket) }))
      .filter((ticket) => wanted === '' || ticket.status === wanted);
    if (body)
      syncChildren(
        body,
        tickets,
        (t) => t.ticketId,
        (t) => row(t, actions),
      );
    if (empty instanceof HTMLElement) empty.hidden = tickets.length > 0;
  }
  return render;
}

/**
 * @param {Ticket} ticket
 * @param {Actions} actions
 */
function row(ticket, actions) {
  const complete =
    ticket.status === 'pending'
      ? h(
          'button',
          {
            type: 'button',
            class: 'button button-small',
            onclick: () => void actions.completeTicket(ticket.ticketId),
          },
          'Complete',
          hidden(` ${ticket.ticketId}`),
        )
      : null;
  return h(
    'tr',
    {},
    h('td', {}, h('code', { title: ticket.ticketId }, ticket.ticketId)),
    h('td', {}, pill(ticket.status, TONES[ticket.status] ?? 'muted')),
    h('td', { class: 'wrap' }, ticket.userId),
    h(
      'td',
      {},
      ticket.factor ?? h('span', { class: 'muted' }, 'any'),
      ticket.enrolledFactor && ticket.factor === null
        ? h('span', { class: 'muted' }, ` → ${ticket.enrolledFactor}`)
        : null,
    ),
    h('td', { class: 'nowrap' }, timeOf(ticket.createdAt)),
    h('td', { class: 'nowrap' }, timeOf(ticket.expiresAt)),
    h(
      'td',
      { class: 'nowrap' },
      h(
        'a',
        { href: ticket.ticketUrl, target: '_blank', rel: 'noopener', title: ticket.ticketUrl },
        'Enrollment page',
        hidden(` of ticket ${ticket.ticketId}`),
      ),
    ),
    h('td', { class: 'actions' }, complete),
  );
}
