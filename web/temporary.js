// 临机处置 (temporary actions, R10; workflows/temporary-action.yaml): the principal or the
// secretary records what was done in an emergency (POST /api/items, workflow
// "temporary-action"); the ones still to be explained at the next Party organization meeting
// (state "taken", with the explanation's due date: 30 days after it was taken, the workflow's
// timer), and the explained ones with the meeting they were explained at. The explanation is
// the action the API offers (the item's "actions"); its meeting is chosen among the held
// Party organization meetings of the item's organization.
import { act, actionButtons, el, errorLine, formButtons } from './act.js';
import { ApiError, call } from './api.js';
import { labelled, pick, t } from './labels.js';
import { historyBox } from './meetings.js';

// The workflow's create roles and required fields, the timer's 30 days, the states a held
// meeting is in (workflows/temporary-action.yaml).
const CREATE_ROLES = new Set(['secretary', 'principal']);
const CREATE_FIELDS = ['title', 'reason', 'action_taken'];
const EXPLAIN_DAYS = 30;
const HELD = new Set(['held', 'minutes_drafted', 'minutes_signed', 'archived']);
// Whether a required field names a meeting: an item reference of the workflow `meeting`, as
// the API describes it.
const namesMeeting = (f) => f.type === 'item' && f.workflow === 'meeting';

const orgsOf = (me) => [...new Set((me.roles || []).map((r) => r.org))];

export function recordsTemporary(me) {
  return (me.roles || []).some((r) => CREATE_ROLES.has(r.role));
}

function day(text, days) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return '—';
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const when = (text) => (text ? String(text).replace('T', ' ').replace(/:\d\dZ$/, ' UTC') : '—');

// The form that records a new temporary action.
function recordForm(me, again) {
  const form = el('form', 'card record-form');
  form.noValidate = true;
  form.append(el('h2', '', t('temp_record')));
  const orgs = [...new Set((me.roles || []).filter((r) => CREATE_ROLES.has(r.role)).map((r) => r.org))];
  const org = el('select');
  org.id = 'temp-org';
  org.name = 'org';
  for (const id of orgs) org.append(new Option(id, id));
  const orgLabel = el('label', '', t('org'));
  orgLabel.htmlFor = org.id;
  form.append(orgLabel, org);
  for (const name of CREATE_FIELDS) {
    const input = el(name === 'title' ? 'input' : 'textarea');
    input.id = `temp-${name}`;
    input.name = name;
    const label = el('label', '', t(`temp_${name}`));
    label.htmlFor = input.id;
    form.append(label, input);
  }
  const error = errorLine();
  const submit = el('button', 'primary', t('temp_submit'));
  submit.type = 'submit';
  form.append(error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const fields = {};
    for (const name of CREATE_FIELDS) {
      const value = form.elements[name].value.trim();
      if (value) fields[name] = value;  // a missing one is the API's to refuse, in its words
    }
    try {
      await call('POST', '/api/items', { body: { workflow: 'temporary-action', org: org.value, fields } });
      await again();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : String(e);
      error.hidden = false;
    }
  });
  return form;
}

// The explanation's form: the meeting among the held Party organization meetings, the rest
// plain inputs.
function explainForm(item, action, meetings, errorEl, onDone, close) {
  const form = el('form', 'task-form');
  form.noValidate = true;
  for (const f of action.required) {
    const id = `f-${item.id}-${action.name}-${f.name}`;
    const label = el('label', '', pick(f.labels, f.name));
    label.htmlFor = id;
    let input;
    if (namesMeeting(f)) {
      input = el('select');
      input.append(new Option('—', ''));
      for (const m of meetings) input.append(new Option(`${m.fields.title || `#${m.id}`} (${when(m.fields.held_at)})`, String(m.id)));
    } else {
      input = el('input');
    }
    input.id = id;
    input.name = f.name;
    form.append(label, input);
  }
  form.append(...formButtons(action, close));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = {};
    for (const f of action.required) {
      const value = form.elements[f.name].value.trim();
      if (value) fields[f.name] = namesMeeting(f) ? Number(value) : value;
    }
    act(item, action, fields, errorEl, onDone);
  });
  return form;
}

function entry(item, meetingsById, heldParty, name, again) {
  const li = el('li', 'task temporary');
  li.dataset.item = String(item.id);
  const f = item.fields;
  li.append(el('span', 'task-title', f.title || `#${item.id}`));
  const meta = el('div', 'task-meta');
  meta.append(el('span', 'task-state', labelled('state', t(`state_${item.state}`, item.state))));
  meta.append(el('span', '', labelled('temp_taken_by', f.taken_by ? name(f.taken_by) : '—')));
  meta.append(el('span', '', labelled('temp_taken_at', when(f.taken_at))));
  if (item.state === 'taken') meta.append(el('span', 'explain-due', labelled('temp_explain_due', day(f.taken_at, EXPLAIN_DAYS))));
  if (f.meeting) {
    const m = meetingsById.get(Number(f.meeting));
    meta.append(el('span', 'explained-at', labelled('temp_explained_at', m ? m.fields.title || `#${m.id}` : `#${f.meeting}`)));
  }
  meta.append(el('span', '', labelled('org', item.org)));
  li.append(meta);
  for (const name of ['reason', 'action_taken', 'explanation']) {
    if (f[name]) li.append(el('p', 'muted', labelled(`temp_${name}`, f[name])));
  }
  const error = errorLine();
  const actions = el('div', 'task-actions');
  actionButtons(item, actions, error, again, (action, close) =>
    explainForm(item, action, heldParty.filter((m) => m.org === item.org), error, again, close));
  li.append(actions, error, historyBox(item));
  return li;
}

// Fills `root` with the form (for whoever may record one) and the two lists.
export async function renderTemporary(me, root) {
  const items = [];
  const meetings = [];
  const people = (await Promise.all(orgsOf(me).map((org) => call('GET', `/api/people?org=${encodeURIComponent(org)}`))))
    .flatMap(({ json }) => json);  // the people of the person's organizations only
  const byId = new Map(people.map((p) => [p.id, p]));
  const name = (id) => pick(byId.get(id)?.name, id);
  for (const org of orgsOf(me)) {
    const q = encodeURIComponent(org);
    const [{ json: temp }, { json: met }] = await Promise.all([
      call('GET', `/api/items?org=${q}&workflow=temporary-action`), call('GET', `/api/items?org=${q}&workflow=meeting`)]);
    items.push(...temp);
    meetings.push(...met);
  }
  const meetingsById = new Map(meetings.map((m) => [m.id, m]));
  const heldParty = meetings.filter((m) => m.fields.body === 'party-meeting' && HELD.has(m.state))
    .sort((a, b) => String(b.fields.held_at || '').localeCompare(String(a.fields.held_at || '')));
  const again = () => renderTemporary(me, root);
  const byTime = (a, b) => String(a.fields.taken_at || '').localeCompare(String(b.fields.taken_at || '')) || a.id - b.id;
  const parts = [el('h1', '', t('temporary'))];
  parts.push(el('p', 'muted', t('temp_hint')));
  if (recordsTemporary(me)) parts.push(recordForm(me, again));
  for (const [state, heading, none] of [['taken', 'temp_to_explain', 'temp_none_to_explain'], ['explained', 'temp_explained', 'temp_none_explained']]) {
    const mine = items.filter((i) => i.state === state).sort(byTime);
    const list = el('ul', `tasks temporary-${state}`);
    list.append(...mine.map((i) => entry(i, meetingsById, heldParty, name, again)));
    parts.push(el('h2', '', t(heading)), mine.length > 0 ? list : el('p', '', t(none)));
  }
  root.replaceChildren(...parts);
}
