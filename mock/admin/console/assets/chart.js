// @ts-check
import { h, statusClass } from './dom.js';

/** @typedef {import('./model.js').JournalEntry} JournalEntry */

const SVG = 'http://www.w3.org/2000/svg';
/** The chart's window and bucket. */
export const WINDOW_SECONDS = 300;
/**
 * Errors closer together than this belong to one episode: "errors began" is its first error. A
 * stray 400 every half minute is not an outage; a scenario that fails every request is.
 */
const EPISODE_GAP_MS = 15_000;
const CLASSES = /** @type {const} */ (['2xx', '3xx', '4xx', '5xx', 'none']);
/** @type {Record<(typeof CLASSES)[number], string>} */
const LABELS = { '2xx': '2xx', '3xx': '3xx', '4xx': '4xx', '5xx': '5xx', none: 'no answer' };

/**
 * @param {string} name
 * @param {Record<string, string | number>} attributes
 * @param {string} [text]
 */
function svg(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * Requests per second over the last five minutes, stacked by status class, and a caption with the
 * totals and when the current episode of errors began. Both say the same: the chart is an image
 * with a text alternative, the caption is read as text.
 * @param {HTMLElement} container
 * @param {HTMLElement} caption
 * @param {readonly JournalEntry[]} entries newest first
 * @param {number} now the mock's time, in epoch milliseconds
 */
export function drawChart(container, caption, entries, now) {
  // A hidden view has no width to draw to; it is drawn when shown.
  if (container.clientWidth === 0) return;
  const end = Math.floor(now / 1000) + 1;
  const start = end - WINDOW_SECONDS;
  /** @type {Record<string, number>[]} */
  const buckets = Array.from({ length: WINDOW_SECONDS }, () => ({}));
  /** @type {Record<string, number>} */
  const totals = {};
  /** @type {number | undefined} */
  let errorsBegan;
  /** @type {number | undefined} */
  let previousError;
  for (const entry of entries) {
    const at = Date.parse(entry.at);
    const second = Math.floor(at / 1000);
    if (second < start) break;
    if (second >= end) continue;
    const kind = statusClass(entry.status);
    const bucket = buckets[second - start];
    if (bucket) bucket[kind] = (bucket[kind] ?? 0) + 1;
    totals[kind] = (totals[kind] ?? 0) + 1;
    if (kind === '4xx' || kind === '5xx' || kind === 'none') {
      // Walking back in time: an error long before the one after it ends the current episode.
      if (previousError === undefined || previousError - at <= EPISODE_GAP_MS) {
        errorsBegan = at;
        previousError = at;
      }
    }
  }
  const peak = Math.max(1, ...buckets.map((b) => CLASSES.reduce((sum, c) => sum + (b[c] ?? 0), 0)));

  const width = container.clientWidth;
  const height = 96;
  const left = 36;
  const bottom = 16;
  const plotWidth = width - left - 4;
  const plotHeight = height - bottom - 6;
  const barWidth = plotWidth / WINDOW_SECONDS;
  const total = CLASSES.reduce((sum, c) => sum + (totals[c] ?? 0), 0);
  const summary = CLASSES.filter((c) => totals[c]).map((c) => `${totals[c]} ${LABELS[c]}`);
  const began = errorsBegan === undefined ? '' : ` Errors began at ${clock(errorsBegan)}.`;
  const chart = svg('svg', {
    role: 'img',
    'aria-label': `Requests per second over the last 5 minutes: ${total} requests${summary.length ? ` (${summary.join(', ')})` : ''}, at most ${peak === 1 && total === 0 ? 0 : peak} per second.${began}`,
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
  });
  for (const fraction of [0, 0.5, 1]) {
    const y = 6 + plotHeight * (1 - fraction);
    chart.append(svg('line', { class: 'grid', x1: left, x2: width - 4, y1: y, y2: y }));
  }
  chart.append(svg('text', { class: 'axis', x: left - 6, y: 10, 'text-anchor': 'end' }, `${peak}/s`));
  chart.append(svg('text', { class: 'axis', x: left - 6, y: 6 + plotHeight, 'text-anchor': 'end' }, '0'));
  buckets.forEach((bucket, i) => {
    let y = 6 + plotHeight;
    for (const kind of CLASSES) {
      const count = bucket[kind] ?? 0;
      if (count === 0) continue;
      const barHeight = (count / peak) * plotHeight;
      y -= barHeight;
      chart.append(
        svg('rect', {
          class: `bar-${kind}`,
          x: left + i * barWidth,
          y,
          width: Math.max(1, barWidth - 0.5),
          height: barHeight,
        }),
      );
    }
  });
  for (let minute = 5; minute >= 0; minute--) {
    const x = left + plotWidth * (1 - minute / 5);
    const anchor = minute === 5 ? 'start' : minute === 0 ? 'end' : 'middle';
    chart.append(
      svg(
        'text',
        { class: 'axis', x, y: height - 3, 'text-anchor': anchor },
        minute === 0 ? 'now' : `−${minute} min`,
      ),
    );
  }
  container.replaceChildren(chart);

  caption.replaceChildren(
    h('span', {}, `${total} requests in the last 5 minutes`),
    ...CLASSES.map((kind) =>
      h(
        'span',
        { class: 'legend' },
        h('span', { class: 'swatch', 'data-class': kind, 'aria-hidden': 'true' }),
        `${LABELS[kind]} ${totals[kind] ?? 0}`,
      ),
    ),
    errorsBegan === undefined
      ? h('span', {}, 'No errors')
      : h('span', { class: 'errors-began' }, `Errors began at ${clock(errorsBegan)}`),
  );
}

/** @param {number} epochMs */
function clock(epochMs) {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false });
}
