// @ts-check
import { byId, h, syncChildren, timeOf } from './dom.js';

/** @typedef {import('./model.js').Model} Model */
/** @typedef {import('./model.js').Email} Email */

/** The emails the mock "sent", newest first, each with its enrollment link. */
export function outboxView() {
  const body = byId('outbox-table', HTMLTableElement).tBodies[0];
  const empty = document.querySelector('[data-empty="outbox"]');
  /** @param {Model} model */
  return (model) => {
    const emails = [...model.emails.values()].reverse();
    if (body) syncChildren(body, emails, (e) => e.ticketId, row);
    if (empty instanceof HTMLElement) empty.hidden = emails.length > 0;
  };
}

/** @param {Email} email */
function row(email) {
  return h(
    'tr',
    {},
    h('td', { class: 'nowrap' }, timeOf(email.sentAt)),
    h('td', {}, email.to, h('div', { class: 'muted' }, email.userId)),
    h('td', {}, email.subject),
    h(
      'td',
      { class: 'wrap' },
      h('a', { href: email.ticketUrl, target: '_blank', rel: 'noopener' }, email.ticketUrl),
    ),
  );
}
