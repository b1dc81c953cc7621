// 决定事项 (decisions), the principal's page: the decisions (workflow "decision") of every
// organization where the person holds a role, each with its state, its roll-up of execution
// (GET /api/items/ID/progress: the percent, tasks finished of all), its execution tasks
// (children of workflow "task") with their state and the actions the API offers on them, the
// actions offered on the decision itself, and its history.
import { actionButtons, el, errorLine } from './act.js';
import { call } from './api.js';
import { labelled, listed, pick, t, tf } from './labels.js';
import { historyBox } from './meetings.js';
import { pagedList } from './paged_list.js';

const orgsOf = (me) => [...new Set((me.roles || []).map((r) => r.org))];
const stateText = (item) => t(`state_${item.state}`, item.state);

// The decisions loaded, soonest due first.
function soonestDue(decisions) {
  const due = (d) => String(d.fields.due_date || '9999');
  return [...decisions].sort((a, b) => due(a).localeCompare(due(b)) || a.id - b.id);
}

// The roll-up: a bar and "完成 50%（2 项任务中 1 项已办结）".
function rollup(progress) {
  const box = el('div', 'rollup');
  const percent = progress.percent === null || progress.percent === undefined ? null : Math.round(progress.percent);
  const text = percent === null ? t('no_execution_tasks')
    : tf('rollup_line', { percent, finished: progress.finished, tasks: progress.tasks });
  const bar = el('progress', 'rollup-bar');
  bar.max = 100;
  bar.value = percent || 0;
  bar.setAttribute('aria-label', t('rollup'));
  const line = el('span', 'rollup-text', text);
  line.dataset.percent = percent === null ? '' : String(percent);
  box.append(bar, line);
  return box;
}

function taskEntry(task, names, again) {
  const li = el('li', 'task sub-task');
  li.dataset.item = String(task.id);
  const f = task.fields;
  li.append(el('span', 'task-title', `${names(f.owner)} · ${f.title || `#${task.id}`}`));
  const parts = [labelled('state', stateText(task)), labelled('due', f.due_date || '—')];
  if (f.progress !== undefined && f.progress !== null) parts.push(labelled('progress', `${f.progress}%`));
  const meta = el('div', 'task-meta');
  for (const p of parts) meta.append(el('span', '', p));
  const error = errorLine();
  const actions = el('div', 'task-actions');
  actionButtons(task, actions, error, again);
  li.append(meta, actions, error, historyBox(task));
  return li;
}

async function decisionCard(decision, names, again) {
  const [{ json: progress }, { json: tasks }] = await Promise.all([
    call('GET', `/api/items/${decision.id}/progress`),
    call('GET', `/api/items?org=${encodeURIComponent(decision.org)}&workflow=task&parent=${decision.id}`)]);
  const li = el('li', 'task decision');
  li.dataset.item = String(decision.id);
  const f = decision.fields;
  const head = el('div', 'task-head');
  head.append(el('h2', 'task-title', f.title || `#${decision.id}`));
  const meta = el('div', 'task-meta');
  meta.append(el('span', 'task-state', labelled('state', stateText(decision))));
  meta.append(el('span', '', labelled('category', t(`value_${f.category}`, f.category || '—'))));
  meta.append(el('span', '', labelled('due', f.due_date || '—')));
  if (Array.isArray(f.owners)) meta.append(el('span', '', labelled('owners', listed(f.owners.map(names)))));
  meta.append(el('span', '', labelled('org', decision.org)));
  li.append(head, meta);
  if (f.content) li.append(el('p', 'muted', f.content));
  li.append(rollup(progress));
  if (tasks.length > 0) {
    const list = el('ul', 'tasks sub-tasks');
    list.setAttribute('aria-label', t('execution_tasks'));
    list.append(...tasks.map((task) => taskEntry(task, names, again)));
    li.append(list);
  }
  const error = errorLine();
  const actions = el('div', 'task-actions');
  actionButtons(decision, actions, error, again);
  li.append(actions, error, historyBox(decision));
  return li;
}

// Fills `root` with the person's organizations' decisions: the newest a page at a time, with
// a search box and "更多" (paged_list.js).
export async function renderDecisions(me, root) {
  const people = (await Promise.all(orgsOf(me).map((org) => call('GET', `/api/people?org=${encodeURIComponent(org)}`))))
    .flatMap(({ json }) => json);  // the people of the person's organizations only
  const byId = new Map(people.map((p) => [p.id, p]));
  const names = (id) => pick(byId.get(id)?.name, id);
  const again = () => renderDecisions(me, root);
  const shown = el('div', 'decision-list');
  const pager = pagedList({
    name: 'decisions',
    sources: orgsOf(me).map((org) => `/api/items?org=${encodeURIComponent(org)}&workflow=decision`),
    draw: async (decisions) => {
      const list = el('ul', 'tasks decisions');
      list.append(...(await Promise.all(soonestDue(decisions).map((d) => decisionCard(d, names, again)))));
      shown.replaceChildren(decisions.length > 0 ? list : el('p', '', t('no_decisions')));
    },
  });
  root.replaceChildren(el('h1', '', t('decisions')), pager.top, shown, pager.bottom);
  await pager.start();
}
