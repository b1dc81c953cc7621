// 我的会议 (my meetings), a body member's page: the meetings of the bodies the person sits on
// (GET /api/orgs "bodies": members and non-voting attendees), soonest first, the coming ones
// before those held; each with its time, place, documents (notice, agenda) and agenda — the
// `matter` items whose `meeting` is it — and each topic's papers as recorded: category,
// amount, proposer, the R8 pre-meeting sign-offs, positions and decision once taken.
// One action: a member who will be absent writes an opinion on a topic before the meeting
// (matter `submit_opinion`), in a form shown only when the API offers the action unblocked
// (a voting member of the meeting's body, before it is held); the clerk then records the
// position absent-with-opinion with the positions (`vote`) and the minutes carry the text.
// Each member's opinions are kept in the topic's chain (one entry each, the latest counts), so
// the form shows the caller's own latest opinion, read from the topic's history once the form
// is shown, whoever else has written one since.
import { act, el, errorLine } from './act.js';
import { call } from './api.js';
import { currentLang, labelled, listed, pick, t, tf } from './labels.js';
import { historyBox } from './meetings.js';
import { opinionsOf } from './topic_forms.js';

const COMING = new Set(['planned', 'notified', 'postponed']);
const PAST = new Set(['held', 'minutes_drafted', 'minutes_signed', 'archived']);
const DOCUMENTS = ['notice', 'agenda'];

// The bodies (organization, body) whose members or attendees include the person.
export function bodiesOf(orgs, person) {
  const mine = [];
  for (const o of orgs) {
    for (const b of o.bodies || []) {
      if ((b.members || []).includes(person) || (b.attendees || []).includes(person)) mine.push({ org: o, body: b });
    }
  }
  return mine;
}

function whenText(text, zone) {
  if (!text) return '—';
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return date.toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
}

function papers(topic, name) {
  const f = topic.fields;
  const box = el('details', 'papers');
  box.append(el('summary', '', t('papers')));
  const dl = el('dl', 'fields');
  const row = (key, value) => {
    if (value === undefined || value === null || value === '') return;
    dl.append(el('dt', '', t(key)), el('dd', '', String(value)));
  };
  row('category', t(`value_${f.category}`, f.category));
  if (f.amount !== undefined && f.amount !== null) row('amount', Number(f.amount).toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN'));
  row('proposer', f.proposer && name(f.proposer));
  row('presigned_secretary', f.presigned_secretary ? name(f.presigned_secretary) : t('not_yet'));
  row('presigned_principal', f.presigned_principal ? name(f.presigned_principal) : t('not_yet'));
  if (Array.isArray(f.recused) && f.recused.length > 0) row('recused', listed(f.recused.map(name)));
  if (Array.isArray(f.votes) && f.votes.length > 0) {
    row('votes', listed(f.votes.map((v) => {
      const [person, choice] = Array.isArray(v) ? v : String(v).split(':');
      return `${name(person)} ${t(`value_${choice}`, choice)}`;
    })));
  }
  row('decision', f.decision);
  row('defer_reason', f.defer_reason);
  box.append(dl, historyBox(topic));
  return box;
}

// The written-opinion form of `topic`, or null when the API does not offer the action.
function opinionForm(topic, me, again) {
  const action = (topic.actions || []).find((a) => a.name === 'submit_opinion' && !a.blocked);
  if (!action) return null;
  const form = el('form', 'opinion-form');
  form.noValidate = true;
  const id = `opinion-${topic.id}`;
  const label = el('label', '', tf('opinion_label', { title: topic.fields.title || `#${topic.id}` }));
  label.htmlFor = id;
  const text = el('textarea');
  text.id = id;
  text.name = 'opinion';
  text.rows = 3;
  const submit = el('button', 'primary', t('opinion_submit'));
  submit.type = 'submit';
  const error = errorLine();
  const yours = el('p', 'muted opinion-yours', '');
  yours.hidden = true;
  form.append(label, text, yours, submit, error);
  // Someone has written an opinion on this topic: the caller's own, when it is among them.
  if (topic.fields.opinion) {
    opinionsOf(topic).then((opinions) => {
      if (!opinions.has(me.person)) return;
      yours.textContent = `${t('opinion_yours')} ${opinions.get(me.person)}`;
      yours.hidden = false;
    }, () => {});
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const opinion = text.value.trim();
    if (!opinion) {
      error.textContent = t('opinion_empty');
      error.hidden = false;
      text.focus();
      return;
    }
    act(topic, action, { opinion }, error, again);
  });
  return form;
}

function meetingCard(m, bodyName, zone, topics, name, me, again) {
  const li = el('li', 'task my-meeting');
  li.dataset.item = String(m.id);
  const f = m.fields;
  li.append(el('h3', 'task-title', f.title || `#${m.id}`));
  const meta = el('div', 'task-meta');
  meta.append(el('span', '', labelled('scheduled_at', whenText(f.scheduled_at, zone))));
  meta.append(el('span', '', labelled('body', bodyName)));
  meta.append(el('span', '', labelled('location', f.location || '—')));
  meta.append(el('span', 'task-state', labelled('state', t(`state_${m.state}`, m.state))));
  li.append(meta);
  const docs = el('nav', 'documents');
  docs.setAttribute('aria-label', `${t('documents')} · ${f.title || m.id}`);
  for (const kind of DOCUMENTS) {
    const a = el('a', '', t(`doc_${kind}`));
    a.href = `/api/items/${m.id}/documents/${kind}?lang=${currentLang() === 'en' ? 'en' : 'zh'}`;
    a.target = '_blank';
    a.rel = 'noopener';
    docs.append(a);
  }
  li.append(docs, el('h4', '', t('agenda_topics')));
  if (topics.length === 0) {
    li.append(el('p', 'muted', t('no_topics')));
    return li;
  }
  const list = el('ol', 'agenda');
  for (const topic of topics) {
    const item = el('li', 'topic');
    item.dataset.item = String(topic.id);
    item.append(el('span', 'topic-title', topic.fields.title || `#${topic.id}`), el('span', 'muted', ` · ${t(`state_${topic.state}`, topic.state)}`));
    item.append(papers(topic, name));
    const form = opinionForm(topic, me, again);
    if (form) item.append(form);
    list.append(item);
  }
  li.append(list);
  return li;
}

// Fills `root` with the person's bodies' meetings.
export async function renderMyMeetings(me, root) {
  const [{ json: orgs }, { json: people }] = await Promise.all([call('GET', '/api/orgs'), call('GET', '/api/people')]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const name = (id) => pick(byId.get(id)?.name, id);
  const mine = bodiesOf(orgs, me.person);
  const entries = [];
  for (const org of [...new Set(mine.map((b) => b.org))]) {
    const bodies = new Map(mine.filter((b) => b.org === org).map((b) => [b.body.id, b.body]));
    const q = encodeURIComponent(org.id);
    const [{ json: meetings }, { json: matters }] = await Promise.all([
      call('GET', `/api/items?org=${q}&workflow=meeting`), call('GET', `/api/items?org=${q}&workflow=matter`)]);
    for (const m of meetings) {
      const body = bodies.get(m.fields.body);
      if (!body) continue;
      const topics = matters.filter((x) => String(x.fields.meeting) === String(m.id)).sort((a, b) => a.id - b.id);
      entries.push({ m, bodyName: pick(body.name, body.id), zone: org.time_zone, topics });
    }
  }
  const at = (e) => String(e.m.fields.scheduled_at || '');
  entries.sort((a, b) => at(a).localeCompare(at(b)) || a.m.id - b.m.id);
  const parts = [el('h1', '', t('my_meetings')), el('p', 'muted', t('written_opinion_hint'))];
  for (const [group, states] of [['coming', COMING], ['held', PAST]]) {
    const shown = entries.filter((e) => states.has(e.m.state));
    if (group === 'held') shown.reverse();  // the latest held first
    if (shown.length === 0) continue;
    const list = el('ul', 'tasks my-meetings');
    const again = () => renderMyMeetings(me, root);
    list.append(...shown.map((e) => meetingCard(e.m, e.bodyName, e.zone, e.topics, name, me, again)));
    parts.push(el('h2', '', t(`group_${group === 'coming' ? 'planned' : 'held'}`)), list);
  }
  if (entries.length === 0) parts.push(el('p', '', t('no_my_meetings')));
  root.replaceChildren(...parts);
}
