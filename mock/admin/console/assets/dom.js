// @ts-check
/** Small DOM helpers: building elements, keeping a list in step with data, and showing times. */

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * Creates an element. Attributes are set as text (never parsed as markup); `on*` functions become
 * listeners. Children may be nodes, strings, numbers, or nothing (null, undefined, false).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    } else {
      element.setAttribute(name, value === true ? '' : typeof value === 'function' ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** @type {WeakMap<Element, string>} */
const signatures = new WeakMap();

/**
 * Makes `container`'s children the rendering of `items`, in order, reusing the element of an item
 * whose data has not changed: focus and selection survive a live update, and only what changed is
 * drawn again.
 * @template T
 * @param {Element} container
 * @param {readonly T[]} items
 * @param {(item: T) => string} keyOf
 * @param {(item: T) => Element} render
 * @param {(item: T) => string} [signatureOf]
 * @returns {Element[]} the elements created this time (new or changed items)
 */
export function syncChildren(container, items, keyOf, render, signatureOf = (item) => JSON.stringify(item)) {
  /** @type {Map<string, Element>} */
  const existing = new Map();
  for (const child of Array.from(container.children)) {
    const key = child.getAttribute('data-key');
    if (key !== null) existing.set(key, child);
  }
  /** @type {Element[]} */
  const created = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const signature = signatureOf(item);
    let element = existing.get(key);
    existing.delete(key);
    if (!element || signatures.get(element) !== signature) {
      const fresh = render(item);
      fresh.setAttribute('data-key', key);
      signatures.set(fresh, signature);
      if (element) element.replaceWith(fresh);
      element = fresh;
      created.push(fresh);
    }
    const at = container.children[index];
    if (at !== element) container.insertBefore(element, at ?? null);
  });
  for (const stale of existing.values()) stale.remove();
  return created;
}

/**
 * A `<time>` showing the local time of day (with the date when it is not today), the full ISO time
 * in its title.
 * @param {string | null | undefined} iso
 * @returns {Child}
 */
export function timeOf(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  const time = date.toLocaleTimeString('en-GB', { hour12: false });
  const text = today ? time : `${date.toLocaleDateString('en-CA')} ${time.slice(0, 5)}`;
  return h('time', { datetime: iso, title: iso }, text);
}

/**
 * A coloured label; the colour repeats what the text says, it never replaces it.
 * @param {string} text
 * @param {'ok' | 'info' | 'warn' | 'error' | 'muted' | 'purple'} tone
 */
export function pill(text, tone) {
  return h('span', { class: 'pill', 'data-tone': tone }, text);
}

/**
 * Visually hidden text for screen readers (to give a repeated button a distinct name).
 * @param {string} text
 */
export function hidden(text) {
  return h('span', { class: 'sr-only' }, text);
}

/**
 * The status class of an HTTP status: `2xx` ... `5xx`, or `none` when no answer was sent.
 * @param {number | null} status
 * @returns {'2xx' | '3xx' | '4xx' | '5xx' | 'none'}
 */
export function statusClass(status) {
  if (status === null || status < 200) return 'none';
  if (status < 300) return '2xx';
  if (status < 400) return '3xx';
  if (status < 500) return '4xx';
  return '5xx';
}

/** @type {Record<ReturnType<typeof statusClass>, 'ok' | 'info' | 'warn' | 'error' | 'muted'>} */
export const STATUS_TONES = { '2xx': 'ok', '3xx': 'info', '4xx': 'warn', '5xx': 'error', none: 'muted' };

/**
 * Sets a `<select>`'s options, keeping the chosen value when it is still offered.
 * @param {HTMLSelectElement} select
 * @param {readonly { value: string, label: string }[]} options
 */
export function setOptions(select, options) {
  const chosen = select.value;
  const signature = JSON.stringify(options);
  if (signatures.get(select) === signature) return;
  signatures.set(select, signature);
  select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  select.value = options.some((o) => o.value === chosen) ? chosen : (options[0]?.value ?? '');
}

/**
 * The element with this id, of this type; a missing one is a bug of the page, not a state to handle.
 * @template {HTMLElement} E
 * @param {string} id
 * @param {new () => E} type
 * @returns {E}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`The page has no ${type.name} #${id}`);
  return element;
}
