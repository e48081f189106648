// @ts-check
import { byId, h, hidden, pill, syncChildren } from './dom.js';

/** @typedef {import('./model.js').Model} Model */
/** @typedef {import('./model.js').Scenario} Scenario */
/** @typedef {import('./model.js').CatalogEntry} CatalogEntry */
/** @typedef {import('./app.js').Actions} Actions */

/** @type {Record<string, string>} */
const FAULTS = {
  'connection-reset': 'resets the connection',
  'empty-response': 'closes without answering',
  'malformed-body': 'sends a cut-off JSON body',
};

/**
 * The active scenarios (with how often they fired and will still fire), the catalogue, and the form
 * for a custom scenario.
 * @param {Actions} actions
 */
export function scenariosView(actions) {
  const body = byId('scenarios-table', HTMLTableElement).tBodies[0];
  const catalog = byId('catalog-list', HTMLUListElement);
  const operations = byId('operations-list', HTMLDataListElement);
  const empty = document.querySelector('[data-empty="scenarios"]');
  const form = byId('scenario-form', HTMLFormElement);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(form, actions);
  });

  /** @param {Model} model */
  return (model) => {
    const scenarios = [...model.scenarios.values()];
    if (body)
      syncChildren(
        body,
        scenarios,
        (s) => s.id,
        (s) => row(s, actions),
      );
    if (empty instanceof HTMLElement) empty.hidden = scenarios.length > 0;
    /** @type {Map<string, string[]>} the ids of the active scenarios enabled from each catalogue entry */
    const enabled = new Map();
    for (const scenario of scenarios) {
      if (scenario.name === undefined || scenario.remaining === 0) continue;
      enabled.set(scenario.name, [...(enabled.get(scenario.name) ?? []), scenario.id]);
    }
    syncChildren(
      catalog,
      model.catalog.map((entry) => ({ entry, active: enabled.get(entry.name) ?? [] })),
      (item) => item.entry.name,
      (item) => catalogItem(item.entry, item.active, actions),
    );
    const seen = new Set(model.requests.map((r) => r.operation).filter((o) => o !== null));
    for (const entry of model.catalog) {
      const match = /** @type {Record<string, unknown> | undefined} */ (entry.scenario.match);
      const operation = match?.operation;
      if (typeof operation === 'string') seen.add(operation);
    }
    const options = [...seen].sort().map((o) => ({ value: o, label: o }));
    if (operations.options.length !== options.length) {
      operations.replaceChildren(...options.map((o) => h('option', { value: o.value })));
    }
  };
}

/**
 * What a scenario does, in words.
 * @param {Partial<Scenario>} scenario
 */
export function describeScenario(scenario) {
  const parts = [];
  if (scenario.status !== undefined) {
    let answer = `answers ${scenario.status}`;
    if (scenario.example) answer += ` (example ${scenario.example})`;
    else if (scenario.dynamic) answer += ' (generated body)';
    parts.push(answer);
  }
  if (scenario.fault) parts.push(FAULTS[scenario.fault] ?? scenario.fault);
  if (scenario.delayMs !== undefined) parts.push(`after ${scenario.delayMs} ms`);
  return parts.join(', ');
}

/** @param {Record<string, unknown> | undefined} match */
function describeMatch(match) {
  const pairs = Object.entries(match ?? {}).filter(([, v]) => v !== undefined);
  if (pairs.length === 0) return h('span', { class: 'muted' }, 'every request');
  return pairs.map(([name, value]) =>
    h('code', { class: 'factor' }, `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`),
  );
}

/**
 * @param {Scenario} scenario
 * @param {Actions} actions
 */
function row(scenario, actions) {
  const usedUp = scenario.remaining === 0;
  return h(
    'tr',
    { class: usedUp ? 'muted' : null },
    h('td', {}, h('code', {}, scenario.id), scenario.name ? h('div', {}, scenario.name) : null),
    h(
      'td',
      {},
      describeScenario(scenario),
      scenario.description ? h('div', { class: 'muted' }, scenario.description) : null,
    ),
    h('td', {}, describeMatch(scenario.match)),
    h('td', { class: 'numeric' }, String(scenario.fired)),
    h(
      'td',
      { class: 'numeric' },
      scenario.remaining === null
        ? h('span', { class: 'muted' }, 'until removed')
        : usedUp
          ? pill('used up', 'muted')
          : String(scenario.remaining),
    ),
    h(
      'td',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button button-small button-danger',
          onclick: () => void actions.removeScenario(scenario.id),
        },
        'Remove',
        hidden(` ${scenario.id}`),
      ),
    ),
  );
}

/**
 * @param {CatalogEntry} entry
 * @param {string[]} active the ids of its active scenarios
 * @param {Actions} actions
 */
function catalogItem(entry, active, actions) {
  return h(
    'li',
    {},
    h(
      'span',
      { class: 'name' },
      entry.name,
      ' ',
      h('span', { class: 'muted' }, `· ${describeScenario(entry.scenario)}`),
    ),
    h(
      'span',
      { class: 'catalog-action' },
      active.length > 0 ? pill(`active: ${active.join(', ')}`, 'ok') : null,
      h(
        'button',
        {
          type: 'button',
          class: 'button button-small',
          onclick: () => void actions.enableScenario(entry.name),
        },
        'Enable',
        hidden(` ${entry.name}`),
      ),
    ),
    h('p', {}, entry.description),
    h('code', {}, entry.curl),
  );
}

/** The form's fields by the scenario field the mock names in its errors. */
const FIELDS = /** @type {const} */ ({
  name: 'scenario-name',
  status: 'scenario-status',
  example: 'scenario-example',
  delayMs: 'scenario-delay',
  fault: 'scenario-fault',
  times: 'scenario-times',
  'match.operation': 'scenario-operation',
  'match.userId': 'scenario-user',
  match: 'scenario-parameters',
});

/**
 * The field an error of the mock is about: a parameter of `match` is in the parameters' box.
 * @param {string} field
 * @returns {string | undefined} the input's id
 */
function inputFor(field) {
  if (field in FIELDS) return FIELDS[/** @type {keyof typeof FIELDS} */ (field)];
  if (field.startsWith('match.')) return FIELDS.match;
  return undefined;
}

/**
 * @param {HTMLFormElement} form
 * @param {Actions} actions
 */
async function submit(form, actions) {
  clearErrors(form);
  /** @param {string} id */
  const value = (id) => {
    const field = document.getElementById(id);
    const ok =
      field instanceof HTMLInputElement ||
      field instanceof HTMLSelectElement ||
      field instanceof HTMLTextAreaElement;
    return ok ? field.value.trim() : '';
  };
  /** @type {Record<string, unknown>} */
  const draft = {};
  const text = (/** @type {string} */ key, /** @type {string} */ id) => {
    const v = value(id);
    if (v) draft[key] = v;
  };
  const number = (/** @type {string} */ key, /** @type {string} */ id) => {
    const v = value(id);
    if (v) draft[key] = Number(v);
  };
  text('name', FIELDS.name);
  number('status', FIELDS.status);
  text('example', FIELDS.example);
  number('delayMs', FIELDS.delayMs);
  text('fault', FIELDS.fault);
  number('times', FIELDS.times);
  /** @type {Record<string, unknown>} */
  const match = {};
  const operation = value(FIELDS['match.operation']);
  if (operation) match.operation = operation;
  const userId = value(FIELDS['match.userId']);
  if (userId) match.userId = userId;
  const parameters = value(FIELDS.match);
  if (parameters) {
    /** @type {unknown} */
    let parsed;
    try {
      parsed = JSON.parse(parameters);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      showErrors(form, [{ field: 'match', message: 'must be a JSON object, such as {"factor": "otp"}' }]);
      return;
    }
    Object.assign(match, parsed);
  }
  if (Object.keys(match).length > 0) draft.match = match;

  const refused = await actions.createScenario(draft);
  if (refused) showErrors(form, refused);
  else form.reset();
}

/** @param {HTMLFormElement} form */
function clearErrors(form) {
  for (const error of form.querySelectorAll('.field-error')) error.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'))
      .join(' ');
    if (described) input.setAttribute('aria-describedby', described);
    else input.removeAttribute('aria-describedby');
  }
  byId('scenario-form-error', HTMLElement).hidden = true;
}

/**
 * Shows each refused field under its input (linked with aria-describedby) and a summary above the
 * form; moves the focus to the first bad field.
 * @param {HTMLFormElement} form
 * @param {readonly { field: string, message: string }[]} errors
 */
function showErrors(form, errors) {
  /** @type {HTMLElement | undefined} */
  let first;
  for (const { field, message } of errors) {
    const id = inputFor(field);
    const input = id === undefined ? null : document.getElementById(id);
    // An error about no one field (the body as a whole) is in the summary only.
    if (!input) continue;
    const errorId = `${input.id}-error`;
    const label =
      field.startsWith('match.') && id === FIELDS.match ? `${field.slice(6)} ${message}` : message;
    const existing = document.getElementById(errorId);
    if (existing) existing.textContent += `; ${label}`;
    else {
      input.after(h('span', { id: errorId, class: 'field-error' }, label));
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute(
        'aria-describedby',
        [input.getAttribute('aria-describedby'), errorId].filter(Boolean).join(' '),
      );
    }
    first ??= input;
  }
  const summary = byId('scenario-form-error', HTMLElement);
  summary.textContent = `The mock refused the scenario: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`;
  summary.hidden = false;
  (first ?? form.querySelector('input'))?.focus();
}
