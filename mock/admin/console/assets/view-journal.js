// @ts-check
import { drawChart } from './chart.js';
import { byId, h, pill, setOptions, STATUS_TONES, statusClass, syncChildren, timeOf } from './dom.js';

/** @typedef {import('./model.js').Model} Model */
/** @typedef {import('./model.js').JournalEntry} JournalEntry */

/** Rows drawn at once; the filters narrow the rest down. */
const SHOWN = 200;
const NO_OPERATION = '\u0000none';

/**
 * The journal: a chart of requests per second by status class, and the requests, newest first,
 * filtered by status, user and operation (the chart follows the filters).
 */
export function journalView() {
  const body = byId('journal-table', HTMLTableElement).tBodies[0];
  const caption = byId('journal-caption', HTMLElement);
  const status = byId('journal-status', HTMLSelectElement);
  const user = byId('journal-user', HTMLSelectElement);
  const operation = byId('journal-operation', HTMLSelectElement);
  const chart = byId('journal-chart', HTMLElement);
  const chartCaption = byId('journal-chart-caption', HTMLElement);
  const empty = document.querySelector('[data-empty="journal"]');
  /** @type {Model | undefined} */
  let last;
  for (const select of [status, user, operation]) {
    select.addEventListener('change', () => {
      if (last) render(last);
    });
  }

  /** @param {JournalEntry} entry */
  const matches = (entry) =>
    (status.value === '' ||
      (status.value.startsWith('class:')
        ? statusClass(entry.status) === status.value.slice(6)
        : String(entry.status) === status.value)) &&
    (user.value === '' || entry.userId === user.value) &&
    (operation.value === '' || (entry.operation ?? NO_OPERATION) === operation.value);

  /** @param {Model} model */
  function render(model) {
    last = model;
    const statuses = [...new Set(model.requests.map((r) => r.status).filter((s) => s !== null))].sort();
    setOptions(status, [
      { value: '', label: 'All' },
      ...['2xx', '3xx', '4xx', '5xx'].map((c) => ({ value: `class:${c}`, label: c })),
      { value: 'class:none', label: 'No answer' },
      ...statuses.map((s) => ({ value: String(s), label: String(s) })),
    ]);
    const users = [...new Set(model.requests.map((r) => r.userId).filter((u) => u !== null))].sort();
    setOptions(user, [{ value: '', label: 'All' }, ...users.map((u) => ({ value: u, label: u }))]);
    const operations = [...new Set(model.requests.map((r) => r.operation ?? NO_OPERATION))].sort();
    setOptions(operation, [
      { value: '', label: 'All' },
      ...operations.map((o) => ({ value: o, label: o === NO_OPERATION ? '(other routes)' : o })),
    ]);

    const matching = model.requests.filter(matches);
    const shown = matching.slice(0, SHOWN);
    if (body) syncChildren(body, shown, (e) => e.id, row);
    if (empty instanceof HTMLElement) empty.hidden = shown.length > 0;
    caption.textContent =
      matching.length > SHOWN
        ? `The newest ${SHOWN} of ${matching.length} matching requests.`
        : `${matching.length} of ${model.requests.length} requests.`;
    drawChart(chart, chartCaption, matching, Date.now() + model.clockOffsetMs);
  }
  return render;
}

/** @param {JournalEntry} entry */
function row(entry) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(entry.query)) {
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, String(one));
  }
  const search = query.toString();
  return h(
    'tr',
    {},
    h('td', { class: 'nowrap' }, timeOf(entry.at)),
    h('td', {}, h('span', { class: 'method' }, entry.method)),
    h(
      'td',
      { class: 'wrap' },
      h('code', {}, entry.path, search ? h('span', { class: 'muted' }, `?${search}`) : null),
    ),
    h(
      'td',
      {},
      pill(
        entry.status === null ? 'no answer' : String(entry.status),
        STATUS_TONES[statusClass(entry.status)],
      ),
    ),
    h('td', {}, entry.decision ? h('code', {}, entry.decision) : h('span', { class: 'muted' }, '—')),
    h('td', { class: 'wrap' }, entry.userId ?? h('span', { class: 'muted' }, '—')),
    h('td', { class: 'numeric nowrap' }, `${entry.durationMs.toFixed(1)} ms`),
  );
}
