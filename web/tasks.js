// 我的任务 (my tasks): the execution tasks (workflow "task") whose owner is the signed-in
// person, in every organization where they hold a role, soonest due first, each with its due
// light, the actions the API offers the person (the item's "actions"), and its history with
// its attached files (evidence of the work: meetings.js historyBox).
import { actionButtons, el, errorLine } from './act.js';
import { labelled, t } from './labels.js';
import { pagedList } from './paged_list.js';
import { historyBox } from './meetings.js';

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

// The tasks loaded, soonest due first.
function soonestFirst(items) {
  return [...items].sort((a, b) => String(a.fields.due_date).localeCompare(String(b.fields.due_date)) || a.id - b.id);
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
  meta.append(el('span', '', labelled('due', due || '—')));
  meta.append(el('span', 'task-state', labelled('state', t(`state_${item.state}`, item.state))));
  if (item.fields.progress !== undefined && item.fields.progress !== null) {
    meta.append(el('span', '', labelled('progress', `${item.fields.progress}%`)));
  }
  meta.append(el('span', '', labelled('org', item.org)));
  const error = errorLine();
  const actions = el('div', 'task-actions');
  actionButtons(item, actions, error, onDone);
  li.append(head, meta, actions, error, historyBox(item));
  return li;
}

// Fills `list` with the person's tasks (`empty` shown when there are none), the newest tasks
// a page at a time with a search box above and "更多" below (paged_list.js).
export async function renderTasks(me, list, empty) {
  const orgs = [...new Set((me.roles || []).map((r) => r.org))];
  const today = isoDay(new Date());
  const again = () => renderTasks(me, list, empty);
  const pager = pagedList({
    name: 'tasks',
    sources: orgs.map((org) => `/api/items?org=${encodeURIComponent(org)}&workflow=task`),
    keep: (item) => item.fields.owner === me.person && !FINISHED.has(item.state),
    draw: (tasks, more) => {
      list.replaceChildren(...soonestFirst(tasks).map((item) => taskCard(item, today, again)));
      empty.hidden = tasks.length > 0 || more;
    },
  });
  document.getElementById('tasks-controls')?.remove();
  document.getElementById('tasks-bottom')?.remove();
  pager.top.id = 'tasks-controls';
  pager.bottom.id = 'tasks-bottom';
  list.before(pager.top);
  list.after(pager.bottom);
  await pager.start();
}
