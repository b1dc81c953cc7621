// 会议 (meetings), the clerk's and the secretary's page: the meetings of every organization
// where the person holds a role (planned / held / archived, soonest first), and one meeting —
// its documents, its agenda (the topics on it, with their state and positions), and every
// action the API offers on the meeting and on each topic (the items' "actions"), with
// attendance asked in a form made for it (meeting_forms.js), a topic's recusals, its own
// attendance and positions in theirs, with the members' written opinions (topic_forms.js), the minutes
// drafted from the record, edited, and shown signed with their hash (minutes.js).
import { actionButtons, el, errorLine } from './act.js';
import { call } from './api.js';
import { currentLang, labelled, listed, pick, t, tf } from './labels.js';
import { attendanceForm } from './meeting_forms.js';
import { opinionsOf, positionsForm, recuseForm } from './topic_forms.js';
import { minutesForm, minutesSection } from './minutes.js';
import { pagedList } from './paged_list.js';
import { attachmentsSection } from './attachments.js';
import { agendaBuilder } from './agenda.js';

const GROUPS = [
  ['planned', new Set(['planned', 'notified', 'postponed'])],
  ['held', new Set(['held', 'minutes_drafted', 'minutes_signed'])],
  ['archived', new Set(['archived', 'cancelled'])],
];
const DOCUMENTS = ['notice', 'agenda', 'signin', 'minutes'];
const AGENDA_OPEN = new Set(['planned', 'notified']);  // the states agenda.js builds the agenda in

// The people with a role the clerk keeps meetings in, before anyone else's: whose page opens
// on the meetings.
export function keepsMeetings(me) {
  return (me.roles || []).some((r) => r.role === 'clerk' || r.role === 'secretary');
}

const orgsOf = (me) => [...new Set((me.roles || []).map((r) => r.org))];

// What the forms need of the directory for the organizations `orgIds`: a meeting's body, a
// person's name, an organization's secretaries, an organization's clock. Only those
// organizations and their people are asked for (?org=), not the district's.
export async function directory(orgIds) {
  const ids = [...new Set(orgIds)];
  const [{ json: orgs }, ...lists] = await Promise.all([
    call('GET', `/api/orgs?org=${ids.map(encodeURIComponent).join(',')}`),
    ...ids.map((id) => call('GET', `/api/people?org=${encodeURIComponent(id)}`))]);
  const people = lists.flatMap(({ json }) => json);
  const byId = new Map(people.map((p) => [p.id, p]));
  const org = (id) => orgs.find((o) => o.id === id) || { bodies: [], time_zone: undefined };
  return {
    body: (meeting) => org(meeting.org).bodies.find((b) => b.id === meeting.fields.body) || { members: [], attendees: [] },
    name: (person) => pick(byId.get(person)?.name, person),
    secretaries: (orgId) => new Set(people.filter((p) => p.roles.some((r) => r.org === orgId && r.role === 'secretary')).map((p) => p.id)),
    when: (meeting, text) => {
      if (!text) return '—';
      const date = new Date(text);
      if (Number.isNaN(date.getTime())) return text;
      return date.toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN',
        { dateStyle: 'medium', timeStyle: 'short', timeZone: org(meeting.org).time_zone });
    },
  };
}

// The meetings loaded, soonest first.
function soonestFirst(meetings) {
  const at = (m) => String(m.fields.scheduled_at || '');
  return [...meetings].sort((a, b) => at(a).localeCompare(at(b)) || a.id - b.id);
}

const stateText = (item) => t(`state_${item.state}`, item.state);
const valueText = (value) => t(`value_${value}`, value);

function meta(...parts) {
  const line = el('div', 'task-meta');
  for (const [key, text, className] of parts) line.append(el('span', className || '', labelled(key, text)));
  return line;
}

function meetingLink(m, ctx) {
  const li = el('li', 'task meeting-entry');
  li.dataset.item = String(m.id);
  const a = el('a', 'task-title', m.fields.title || `#${m.id}`);
  a.href = `#meeting/${m.id}`;
  li.append(a, meta(['scheduled_at', ctx.when(m, m.fields.scheduled_at)], ['body', valueText(m.fields.body)],
    ['state', stateText(m), 'task-state']));
  return li;
}

// The list: three groups, soonest first in each; the newest meetings a page at a time, with a
// search box and "更多" (paged_list.js).
async function renderList(me, root) {
  const ctx = await directory(orgsOf(me));
  const groups = el('div', 'meeting-groups');
  const pager = pagedList({
    name: 'meetings',
    sources: orgsOf(me).map((org) => `/api/items?org=${encodeURIComponent(org)}&workflow=meeting`),
    draw: (loaded) => {
      const meetings = soonestFirst(loaded);
      const parts = [];
      for (const [group, states] of GROUPS) {
        const mine = meetings.filter((m) => states.has(m.state));
        if (mine.length === 0) continue;
        const list = el('ul', 'tasks');
        list.append(...mine.map((m) => meetingLink(m, ctx)));
        parts.push(el('h2', '', t(`group_${group}`)), list);
      }
      if (meetings.length === 0) parts.push(el('p', '', t('no_meetings')));
      groups.replaceChildren(...parts);
    },
  });
  root.replaceChildren(el('h1', '', t('meetings')), pager.top, groups, pager.bottom);
  await pager.start();
}

// A topic's positions as recorded: "李华 同意、陈静 不同意…" in the order stated.
function positionsText(votes, ctx) {
  if (!Array.isArray(votes) || votes.length === 0) return '';
  return listed(votes.map((v) => {
    const [person, choice] = Array.isArray(v) ? v : String(v).split(':');  // a [person, choice] pair
    return `${ctx.name(person)} ${valueText(choice)}`;
  }));
}

// An entry's time on the reader's clock, to the minute.
function entryTime(text) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return date.toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'short' });
}

// The item's history, read when opened: when, who, which action, from which state to which,
// in the workflow's words (the API's labels).
export function historyBox(item) {
  const box = el('details', 'history');
  box.append(el('summary', '', t('history')));
  const list = el('ol', 'entries');
  box.append(list);
  box.addEventListener('toggle', async () => {
    if (!box.open) return;
    const { json } = await call('GET', `/api/items/${item.id}/history`);
    list.replaceChildren(...json.map((e) => {
      const state = (name, labels) => pick(labels, t(`state_${name}`, name));
      const moved = e.from && e.from !== e.to ? ` ${state(e.from, e.from_labels)} → ${state(e.to, e.to_labels)}` : '';
      const refused = e.outcome === 'ok' ? '' : ` (${t('refused')})`;
      const line = el('li', '', `${entryTime(e.time)} ${e.actor} ${pick(e.labels, e.action)}${moved}${refused}`);
      line.dataset.action = e.action;
      line.title = e.time;  // the recorded time itself (UTC)
      return line;
    }));
  });
  box.append(attachmentsSection(item, box));
  return box;
}

// The written opinions of a topic, one line each ("王明的书面意见：…").
function opinionsBox(opinions, ctx) {
  const box = el('div', 'opinions');
  box.append(el('p', 'legend-line', t('opinions_heading')));
  const list = el('ul', 'opinion-list');
  for (const [person, text] of opinions) list.append(el('li', '', tf('opinion_of', { name: ctx.name(person), text })));
  box.append(list);
  return box;
}

function topicCard(topic, meeting, ctx, again, opinions) {
  const li = el('li', 'task topic');
  li.dataset.item = String(topic.id);
  const head = el('div', 'task-head');
  head.append(el('span', 'task-title', topic.fields.title || `#${topic.id}`));
  const parts = [['category', valueText(topic.fields.category)], ['state', stateText(topic), 'task-state']];
  const line = meta(...parts);
  const positions = positionsText(topic.fields.votes, ctx);
  const error = errorLine();
  const actions = el('div', 'task-actions');
  // A member's own written opinion is written on 我的会议 (my_meetings.js), not here.
  const offered = { ...topic, actions: (topic.actions || []).filter((a) => a.name !== 'submit_opinion') };
  actionButtons(offered, actions, error, again, (action, close) => {
    if (action.name === 'vote') return positionsForm(topic, meeting, action, ctx, error, again, close, opinions);
    if (action.name === 'recuse') return recuseForm(topic, meeting, action, ctx, error, again, close);
    return null;
  });
  li.append(head, line);
  if (positions) li.append(el('p', 'positions-text', positions));
  if (opinions.size > 0) li.append(opinionsBox(opinions, ctx));
  for (const name of ['decision', 'defer_reason']) {
    if (topic.fields[name]) li.append(el('p', 'muted', topic.fields[name]));
  }
  li.append(actions, error, historyBox(topic));
  return li;
}

async function renderMeeting(me, root, id) {
  const { json: meeting } = await call('GET', `/api/items/${id}`);
  // The topics are the matters whose `meeting` is this one (?refers=); while the agenda is
  // open, the builder also needs the school's submitted and deferred matters.
  const q = `/api/items?org=${encodeURIComponent(meeting.org)}&workflow=matter`;
  const [ctx, { json: topics }, ...ready] = await Promise.all([directory([meeting.org]),
    call('GET', `${q}&refers=meeting:${meeting.id}`),
    ...(AGENDA_OPEN.has(meeting.state) ? ['submitted', 'deferred'].map((state) => call('GET', `${q}&state=${state}`)) : [])]);
  const onAgenda = new Set(topics.map((m) => m.id));
  const matters = [...topics, ...ready.flatMap(({ json }) => json).filter((m) => !onAgenda.has(m.id))];
  // The written opinions of the topics still on the agenda (their history, read once).
  const opinions = await Promise.all(topics.map((m) => (m.state === 'on_agenda' ? opinionsOf(m) : new Map())));
  const again = () => renderMeeting(me, root, id);
  const back = el('a', 'back', t('back_to_meetings'));
  back.href = '#meetings';
  const card = el('article', 'card meeting');
  card.dataset.item = String(meeting.id);
  const f = meeting.fields;
  const line = meta(['state', stateText(meeting), 'task-state'], ['body', valueText(f.body)],
    ['scheduled_at', ctx.when(meeting, f.scheduled_at)], ['location', f.location || '—']);
  const docs = el('nav', 'documents');
  docs.setAttribute('aria-label', t('documents'));
  for (const kind of DOCUMENTS) {
    const a = el('a', '', t(`doc_${kind}`));
    a.href = `/api/items/${meeting.id}/documents/${kind}?lang=${currentLang() === 'en' ? 'en' : 'zh'}`;
    a.target = '_blank';
    a.rel = 'noopener';
    docs.append(a);
  }
  const error = errorLine();
  const actions = el('div', 'task-actions');
  actionButtons(meeting, actions, error, again, (action, close) => {
    if (action.name === 'hold') return attendanceForm(meeting, action, ctx, error, again, close);
    if (action.name === 'draft_minutes') return minutesForm(meeting, action, error, again, close);
    return null;
  });
  card.append(el('h1', '', f.title || `#${meeting.id}`), line, docs);
  const minutes = minutesSection(meeting, ctx);
  if (minutes) card.append(minutes);
  card.append(actions, error, historyBox(meeting));
  const list = el('ol', 'tasks topics');
  list.append(...topics.map((topic, i) => topicCard(topic, meeting, ctx, again, opinions[i])));
  const parts = [back, card, el('h2', '', t('agenda_topics'))];
  parts.push(topics.length > 0 ? list : el('p', '', t('no_topics')));
  const builder = await agendaBuilder(me, meeting, matters, ctx, again);  // agenda.js: while planned or notified
  if (builder) parts.push(builder);
  root.replaceChildren(...parts);
}

// Fills `root` with the meetings, or with meeting `id` when one is given.
export async function renderMeetings(me, root, id) {
  if (id) await renderMeeting(me, root, id);
  else await renderList(me, root);
}
