// 书记工作台 (the secretary's page), for whoever holds the secretary's or the principal's post
// in an organization: the pre-meeting sign-off queue (R8) — the submitted matters awaiting the
// caller's own sign-off, each with the sign-off action the API offers unblocked (a matter R8
// asks no sign-off of, or one already given, is refused by the API and not listed) — and the weekly
// secretary–principal communication (R11, workflows/communication.yaml): this week's state,
// the actions the API offers on it (record, with its fields), and the weeks recorded before,
// from the record's history.
import { act, actionButtons, el, errorLine, formButtons } from './act.js';
import { call } from './api.js';
import { currentLang, labelled, pick, t } from './labels.js';
import { historyBox } from './meetings.js';

const POSTS = new Set(['secretary', 'principal']);
// Each post's sign-off action and the field it fills (workflows/matter.yaml).
const SIGN_OFF = { presign_secretary: 'presigned_secretary', presign_principal: 'presigned_principal' };
const DAY = 24 * 3600 * 1000;

// The organizations where `me` holds the secretary's or the principal's post.
export function secretaryOrgs(me) {
  return [...new Set((me?.roles || []).filter((r) => POSTS.has(r.role)).map((r) => r.org))];
}

const holds = (me, org, role) => (me.roles || []).some((r) => r.org === org && r.role === role);

// A time on the organization's clock (`zone`), to the minute; a date (YYYY-MM-DD, no zone of
// its own) as the day it names.
function when(text, zone) {
  if (!text) return '—';
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  const locale = currentLang() === 'en' ? 'en-GB' : 'zh-CN';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return date.toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
}

function meta(...parts) {
  const line = el('div', 'task-meta');
  for (const [key, text, className] of parts) line.append(el('span', className || '', labelled(key, text)));
  return line;
}

// One matter of the queue: its title, category, amount, the other post's sign-off, and the
// caller's sign-off actions the API offers unblocked.
function queued(matter, offered, ctx, again) {
  const li = el('li', 'task signoff-entry');
  li.dataset.item = String(matter.id);
  const f = matter.fields;
  li.append(el('span', 'task-title', f.title || `#${matter.id}`));
  const parts = [['category', t(`value_${f.category}`, f.category)]];
  if (f.amount !== undefined && f.amount !== null) {
    const amount = Number(f.amount);
    parts.push(['amount', Number.isNaN(amount) ? String(f.amount) : amount.toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN')]);
  }
  const signer = (person) => (person ? `${ctx.name(person)} ${t('signed_off')}` : t('not_signed_off'));
  parts.push(['signoff_secretary', signer(f.presigned_secretary)], ['signoff_principal', signer(f.presigned_principal)]);
  li.append(meta(...parts));
  const error = errorLine();
  const bar = el('div', 'task-actions');
  actionButtons({ ...matter, actions: offered }, bar, error, again);
  for (const button of bar.querySelectorAll('button:not([disabled])')) {
    button.setAttribute('aria-label', `${button.textContent} ${f.title || matter.id}`);
  }
  li.append(bar, error, historyBox(matter));
  return li;
}

// The submitted matters of `orgs` whose sign-off by the caller the API offers unblocked: the
// API refuses one R8 does not ask for and one already given (matter v7's guards), so the
// page shows no action the API would refuse. (A matter on matter v6 or before has no such
// guard: one signed already is left out here too.)
async function signOffQueue(orgs, ctx, again) {
  const section = el('section', 'signoff-queue');
  section.setAttribute('aria-labelledby', 'signoff-queue-title');
  const heading = el('h2', '', t('signoff_queue'));
  heading.id = 'signoff-queue-title';
  section.append(heading, el('p', 'muted', t('signoff_queue_hint')));
  const lists = await Promise.all(orgs.map((org) =>
    call('GET', `/api/items?org=${encodeURIComponent(org)}&workflow=matter&state=submitted`)));
  const entries = [];
  for (const { json: matters } of lists) {
    for (const matter of matters) {
      const offered = (matter.actions || []).filter((a) => SIGN_OFF[a.name] && !a.blocked && !matter.fields[SIGN_OFF[a.name]]);
      if (offered.length > 0) entries.push(queued(matter, offered, ctx, again));
    }
  }
  if (entries.length === 0) {
    section.append(el('p', 'signoff-empty', t('signoff_queue_empty')));
  } else {
    const list = el('ul', 'tasks signoffs');
    list.append(...entries);
    section.append(list);
  }
  return section;
}

// `record`: the topics talked over (required) and notes.
function recordForm(item, action, errorEl, onDone, close) {
  const form = el('form', 'meeting-form communication-form');
  form.noValidate = true;
  const field = (name, tag, key) => {
    const id = `f-${item.id}-${action.name}-${name}`;
    const label = el('label', '', t(key));
    label.htmlFor = id;
    const input = el(tag);
    input.id = id;
    input.name = name;
    if (tag === 'textarea') input.rows = 3;
    form.append(label, input);
    return input;
  };
  const topic = field('topic', 'input', 'communication_topic');
  topic.required = true;
  const notes = field('notes', 'textarea', 'communication_notes');
  const row = el('div', 'task-actions');
  row.append(...formButtons(action, close));
  form.append(row);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = { topic: topic.value.trim() };
    if (notes.value.trim()) fields.notes = notes.value.trim();
    act(item, action, fields, errorEl, onDone);
  });
  return form;
}

// `close`: ends the weekly record for good (no week is tracked after it), so it asks first.
function closeForm(item, action, errorEl, onDone, close) {
  const form = el('form', 'task-form communication-close');
  form.noValidate = true;
  form.append(el('p', 'muted', t('communication_close_warning')), ...formButtons(action, close));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(item, action, {}, errorEl, onDone);
  });
  return form;
}

// The weeks recorded before, newest first, from the record's history: each conversation
// (its date, who recorded it, its topics and notes) and each week recorded missed.
async function pastWeeks(item, ctx) {
  const { json } = await call('GET', `/api/items/${item.id}/history`);
  // The topics each conversation recorded: the field as that entry left it (required, so given
  // every time); its notes only when the entry changed them (optional: kept from before when
  // not given).
  let topic = null;
  const weeks = [];
  for (const e of json) {
    if (e.outcome !== 'ok') continue;
    if (e.changes && e.changes.topic) topic = e.changes.topic[1];
    if (e.action === 'record' || e.action === 'miss') weeks.unshift({ ...e, topic: e.action === 'record' ? topic : null });
  }
  const box = el('section', 'past-weeks');
  box.setAttribute('aria-labelledby', `past-weeks-${item.id}`);
  const heading = el('h3', '', t('communication_past'));
  heading.id = `past-weeks-${item.id}`;
  box.append(heading);
  if (weeks.length === 0) {
    box.append(el('p', 'muted', t('communication_none_yet')));
    return box;
  }
  const list = el('ol', 'entries communication-weeks');
  for (const e of weeks) {
    const li = el('li', `week ${e.action}`);
    li.dataset.action = e.action;
    const changed = (name) => (e.changes && e.changes[name] ? e.changes[name][1] : null);
    li.append(el('div', 'task-meta', `${when(e.time, ctx.zone(item.org))} · ${ctx.name(e.actor)} · ${pick(e.labels, e.action)}`));
    const notes = changed('notes');
    if (e.topic) li.append(el('p', 'week-topic', labelled('communication_topic', e.topic)));
    if (notes) li.append(el('p', 'muted', labelled('communication_notes', notes)));
    list.append(li);
  }
  box.append(list);
  return box;
}

// This week's state: when it began, when it is due (seven days on), the last conversation,
// and a light: red once due, amber on its last day, green before.
function thisWeek(item, zone) {
  const f = item.fields;
  const began = f.week_from ? new Date(f.week_from) : null;
  const due = began ? new Date(began.getTime() + 7 * DAY) : null;
  const now = Date.now();
  const light = !due ? 'green' : now > due.getTime() ? 'red' : due.getTime() - now < DAY ? 'amber' : 'green';
  const line = el('div', 'task-meta this-week');
  const dot = el('span', `light ${light}`);
  dot.setAttribute('aria-hidden', 'true');  // the words beside it say the same
  line.append(dot, el('span', 'week-state', t(`week_${light}`)),
    el('span', '', labelled('week_began', when(f.week_from, zone))),
    el('span', '', labelled('week_due', due ? when(due.toISOString(), zone) : '—')),
    el('span', 'last-met', labelled('last_met', f.last_met ? when(f.last_met) : t('never_met'))));
  return line;
}

async function communicationCard(org, me, ctx, again) {
  const card = el('article', 'card communication');
  card.dataset.org = org;
  card.append(el('h3', '', ctx.orgName(org)));
  const { json: records } = await call('GET', `/api/items?org=${encodeURIComponent(org)}&workflow=communication`);
  const item = records.filter((r) => r.state === 'active').sort((a, b) => b.id - a.id)[0];
  if (!item) {
    card.append(el('p', 'muted', t('communication_not_started')));
    // Opening the record is the secretary's (workflows/communication.yaml `create`).
    if (holds(me, org, 'secretary')) {
      const error = errorLine();
      const start = el('button', 'primary', t('communication_start'));
      start.type = 'button';
      start.addEventListener('click', async () => {
        error.hidden = true;
        try {
          await call('POST', '/api/items', { body: { workflow: 'communication', org } });
          await again();
        } catch (e) {
          error.textContent = e.message;
          error.hidden = false;
        }
      });
      card.append(start, error);
    }
    return card;
  }
  card.dataset.item = String(item.id);
  const error = errorLine();
  const actions = el('div', 'task-actions');
  actionButtons(item, actions, error, again, (action, close) =>
    action.name === 'record' ? recordForm(item, action, error, again, close)
      : action.name === 'close' ? closeForm(item, action, error, again, close) : null);
  card.append(thisWeek(item, ctx.zone(org)), actions, error, await pastWeeks(item, ctx), historyBox(item));
  return card;
}

// Fills `root` with the page for `me`.
export async function renderSecretary(me, root) {
  const orgs = secretaryOrgs(me);
  const [{ json: directory }, ...lists] = await Promise.all([  // the secretary's organizations and their people only
    call('GET', `/api/orgs?org=${orgs.map(encodeURIComponent).join(',')}`),
    ...orgs.map((org) => call('GET', `/api/people?org=${encodeURIComponent(org)}`))]);
  const people = lists.flatMap(({ json }) => json);
  const byId = new Map(people.map((p) => [p.id, p]));
  const ctx = {
    name: (person) => pick(byId.get(person)?.name, person),
    orgName: (id) => pick(directory.find((o) => o.id === id)?.name, id),
    zone: (id) => directory.find((o) => o.id === id)?.time_zone || undefined,
  };
  const again = () => renderSecretary(me, root);
  const communication = el('section', 'communications');
  communication.setAttribute('aria-labelledby', 'communication-title');
  const heading = el('h2', '', t('communication'));
  heading.id = 'communication-title';
  communication.append(heading, el('p', 'muted', t('communication_hint')),
    ...(await Promise.all(orgs.map((org) => communicationCard(org, me, ctx, again)))));
  root.replaceChildren(el('h1', '', t('secretary_title')), await signOffQueue(orgs, ctx, again), communication);
}
