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

// The meetings held shown at first, the latest; 更多 shows as many more.
const HELD_SHOWN = 10;

// The matters of `org` whose `meeting` is one of `ids` (?refers=, a hundred ids a request).
async function topicsOf(org, ids) {
  const parts = [];
  for (let i = 0; i < ids.length; i += 100) parts.push(ids.slice(i, i + 100));
  const got = await Promise.all(parts.map((part) =>
    call('GET', `/api/items?org=${encodeURIComponent(org)}&workflow=matter&refers=meeting:${part.join(',')}`)));
  return got.flatMap(({ json }) => json);
}

// Fills `root` with the person's bodies' meetings: every coming one and the latest `heldShown`
// held (更多 for more), each with its topics. Only the person's organizations, their people,
// and the topics of the meetings shown are asked for.
export async function renderMyMeetings(me, root, heldShown = HELD_SHOWN) {
  const orgIds = [...new Set((me.roles || []).map((r) => r.org))];
  const [{ json: orgs }, ...lists] = await Promise.all([
    call('GET', `/api/orgs?org=${orgIds.map(encodeURIComponent).join(',')}`),
    ...orgIds.map((id) => call('GET', `/api/people?org=${encodeURIComponent(id)}`))]);
  const byId = new Map(lists.flatMap(({ json }) => json).map((p) => [p.id, p]));
  const name = (id) => pick(byId.get(id)?.name, id);
  const mine = bodiesOf(orgs, me.person);
  const entries = [];
  for (const org of [...new Set(mine.map((b) => b.org))]) {
    const bodies = new Map(mine.filter((b) => b.org === org).map((b) => [b.body.id, b.body]));
    const { json: meetings } = await call('GET', `/api/items?org=${encodeURIComponent(org.id)}&workflow=meeting`);
    for (const m of meetings) {
      const body = bodies.get(m.fields.body);
      if (body) entries.push({ m, org: org.id, bodyName: pick(body.name, body.id), zone: org.time_zone, topics: [] });
    }
  }
  const at = (e) => String(e.m.fields.scheduled_at || '');
  entries.sort((a, b) => at(a).localeCompare(at(b)) || a.m.id - b.m.id);
  const coming = entries.filter((e) => COMING.has(e.m.state));
  const held = entries.filter((e) => PAST.has(e.m.state)).reverse();  // the latest held first
  const shown = [...coming, ...held.slice(0, heldShown)];
  const topics = (await Promise.all([...new Set(shown.map((e) => e.org))].map((org) =>
    topicsOf(org, shown.filter((e) => e.org === org).map((e) => e.m.id))))).flat();
  for (const e of shown) {
    e.topics = topics.filter((x) => String(x.fields.meeting) === String(e.m.id)).sort((a, b) => a.id - b.id);
  }
  const parts = [el('h1', '', t('my_meetings')), el('p', 'muted', t('written_opinion_hint'))];
  const again = () => renderMyMeetings(me, root, heldShown);
  for (const [group, list] of [['coming', coming], ['held', held.slice(0, heldShown)]]) {
    if (list.length === 0) continue;
    const ul = el('ul', 'tasks my-meetings');
    ul.append(...list.map((e) => meetingCard(e.m, e.bodyName, e.zone, e.topics, name, me, again)));
    parts.push(el('h2', '', t(`group_${group === 'coming' ? 'planned' : 'held'}`)), ul);
  }
  if (held.length > heldShown) {
    const more = el('button', 'more', t('more'));
    more.type = 'button';
    more.addEventListener('click', () => renderMyMeetings(me, root, heldShown + HELD_SHOWN));
    parts.push(more);
  }
  if (entries.length === 0) parts.push(el('p', '', t('no_my_meetings')));
  root.replaceChildren(...parts);
}
