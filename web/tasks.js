// 我的任务 (my tasks): the execution tasks (workflow "task") whose owner is the signed-in
// person, in every organization where they hold a role, soonest due first, each with its due
// light and the actions the API offers the person (the item's "actions").
import { ApiError, call } from './api.js';
import { pick, t } from './labels.js';

// The task workflow's states (workflows/task.yaml): finished ones are not listed; the due
// date counts (its light shows) while the deadline timer runs.
const FINISHED = new Set(['closed', 'cancelled']);
const DEADLINE_RUNS = new Set(['assigned', 'acknowledged', 'in_progress']);
const DAY_MS = 24 * 60 * 60 * 1000;

function isoDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// 'red' past the due date, 'amber' due within 3 days, 'green' later (dates as YYYY-MM-DD).
export function dueLight(due, today) {
  const days = Math.round((Date.parse(due) - Date.parse(today)) / DAY_MS);
  if (days < 0) return 'red';
  if (days <= 3) return 'amber';
  return 'green';
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

async function myTasks(me) {
  const orgs = [...new Set((me.roles || []).map((r) => r.org))];
  const tasks = [];
  for (const org of orgs) {
    const { json } = await call('GET', `/api/items?org=${encodeURIComponent(org)}&workflow=task`);
    for (const item of json) {
      if (item.fields.owner === me.person && !FINISHED.has(item.state)) tasks.push(item);
    }
  }
  tasks.sort((a, b) => String(a.fields.due_date).localeCompare(String(b.fields.due_date)) || a.id - b.id);
  return tasks;
}

async function act(item, action, fields, errorEl, onDone) {
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

// The form for an action's required fields, shown in place of the buttons.
function fieldsForm(item, action, errorEl, onDone, close) {
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
  const submit = el('button', 'primary', `${pick(action.labels, action.name)} · ${t('confirm')}`);
  submit.type = 'submit';
  const cancel = el('button', '', t('cancel'));
  cancel.type = 'button';
  cancel.addEventListener('click', close);
  form.append(submit, cancel);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = {};
    for (const f of action.required) fields[f.name] = form.elements[f.name].value.trim();
    act(item, action, fields, errorEl, onDone);
  });
  return form;
}

function taskCard(item, today, onDone) {
  const li = el('li', 'task');
  li.dataset.item = String(item.id);
  const head = el('div', 'task-head');
  const due = item.fields.due_date;
  const light = el('span', 'light');
  if (DEADLINE_RUNS.has(item.state) && due) {
    const color = dueLight(due, today);
    light.classList.add(color);
    light.dataset.light = color;
    light.setAttribute('role', 'img');
    light.setAttribute('aria-label', t(`light_${color}`));
  }
  head.append(light, el('span', 'task-title', item.fields.title || `#${item.id}`));
  const meta = el('div', 'task-meta');
  meta.append(el('span', '', `${t('due')}：${due || '—'}`));
  meta.append(el('span', 'task-state', `${t('state')}：${t(`state_${item.state}`, item.state)}`));
  if (item.fields.progress !== undefined && item.fields.progress !== null) {
    meta.append(el('span', '', `${t('progress')}：${item.fields.progress}%`));
  }
  meta.append(el('span', '', `${t('org')}：${item.org}`));
  const error = el('p', 'error', '');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const actions = el('div', 'task-actions');
  const actionsList = item.actions || [];
  if (actionsList.length === 0) actions.append(el('span', 'muted', t('no_actions')));
  for (const action of actionsList) {
    const button = el('button', '', pick(action.labels, action.name));
    button.type = 'button';
    button.dataset.action = action.name;
    button.addEventListener('click', () => {
      if (action.required.length === 0) {
        act(item, action, {}, error, onDone);
        return;
      }
      const form = fieldsForm(item, action, error, onDone, () => {
        form.remove();
        actions.hidden = false;
      });
      actions.hidden = true;
      actions.after(form);
      form.querySelector('input').focus();
    });
    actions.append(button);
  }
  li.append(head, meta, actions, error);
  return li;
}

// Fills `list` with the person's tasks (`empty` shown when there are none).
export async function renderTasks(me, list, empty) {
  const tasks = await myTasks(me);
  const today = isoDay(new Date());
  const again = () => renderTasks(me, list, empty);
  list.replaceChildren(...tasks.map((item) => taskCard(item, today, again)));
  empty.hidden = tasks.length > 0;
}
