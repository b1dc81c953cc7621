// Acting on an item as the pages do: the action named, the item's version in If-Match, the
// fields given; a refusal's words (the API's `detail`) shown in `errorEl`. And the form for an
// action's required fields, asked in place.
import { ApiError, call } from './api.js';
import { pick, t } from './labels.js';

export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// The `role="alert"` paragraph a refusal is shown in, hidden while empty.
export function errorLine() {
  const error = el('p', 'error', '');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  return error;
}

export async function act(item, action, fields, errorEl, onDone) {
  errorEl.hidden = true;
  try {
    await call('POST', `/api/items/${item.id}/actions/${encodeURIComponent(action.name)}`, {
      body: { fields },
      headers: { 'If-Match': `"v${item.version}"` },
    });
    await onDone();
  } catch (e) {
    errorEl.textContent = e instanceof ApiError ? e.message : String(e);
    errorEl.hidden = false;
  }
}

// The submit and cancel buttons that end every action's form.
export function formButtons(action, close) {
  const submit = el('button', 'primary', `${pick(action.labels, action.name)} · ${t('confirm')}`);
  submit.type = 'submit';
  const cancel = el('button', '', t('cancel'));
  cancel.type = 'button';
  cancel.addEventListener('click', close);
  return [submit, cancel];
}

// The form for an action's required fields, shown in place of the buttons.
export function fieldsForm(item, action, errorEl, onDone, close) {
  const form = el('form', 'task-form');
  form.noValidate = true;
  for (const f of action.required) {
    const id = `f-${item.id}-${action.name}-${f.name}`;
    const label = el('label', '', pick(f.labels, f.name));
    label.htmlFor = id;
    const input = el('input');
    input.id = id;
    input.name = f.name;
    if (item.fields[f.name] !== undefined && item.fields[f.name] !== null) input.value = item.fields[f.name];
    form.append(label, input);
  }
  form.append(...formButtons(action, close));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = {};
    for (const f of action.required) fields[f.name] = form.elements[f.name].value.trim();
    act(item, action, fields, errorEl, onDone);
  });
  return form;
}

// A refusal (the API's "blocked") in words: the rule's own short words when it has them
// (`words`), the whole explanation folded under 详细说明; else the explanation. The first
// element holds the words (`tag`, `className`).
export function refusalWords(blocked, tag, className) {
  const why = el(tag, className, pick(blocked.words || blocked, ''));
  if (!blocked.words) return [why];
  const details = el('details', 'refusal-details');
  details.append(el('summary', '', t('refusal_details')), el('p', 'muted', pick(blocked, '')));
  return [why, details];
}

// An action the API offers blocked (its "blocked": taking it now would be refused, whatever
// is typed): a disabled button, described (aria-describedby) by the refusal's words shown
// beside it. Never clickable.
export function blockedAction(item, action, className) {
  const id = `blocked-${item.id}-${action.name}`;
  const button = el('button', className || '', pick(action.labels, action.name));
  button.type = 'button';
  button.disabled = true;
  button.dataset.action = action.name;
  button.setAttribute('aria-describedby', id);
  const words = refusalWords(action.blocked, 'span', 'blocked-reason');
  words[0].id = id;
  return [button, ...words];
}

// A button per action the API offers on `item` (its "actions"), in `bar`: one without
// required fields acts at once; one with them opens `formFor(action, close)` (by default the
// fields' form) in place of the bar; a blocked one is disabled, with its reason.
export function actionButtons(item, bar, errorEl, onDone, formFor) {
  const actions = item.actions || [];
  if (actions.length === 0) bar.append(el('span', 'muted', t('no_actions')));
  for (const action of actions) {
    if (action.blocked) {
      bar.append(...blockedAction(item, action));
      continue;
    }
    const button = el('button', '', pick(action.labels, action.name));
    button.type = 'button';
    button.dataset.action = action.name;
    button.addEventListener('click', () => {
      const close = () => {
        form.remove();
        bar.hidden = false;
      };
      const form = (formFor && formFor(action, close)) ||
        (action.required.length > 0 ? fieldsForm(item, action, errorEl, onDone, close) : null);
      if (!form) {
        act(item, action, {}, errorEl, onDone);
        return;
      }
      bar.hidden = true;
      bar.after(form);
      const first = form.querySelector('input, select, button');
      if (first) first.focus();
    });
    bar.append(button);
  }
}
