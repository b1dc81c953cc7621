// 议程 (the agenda builder), on the meeting page while the meeting is planned or notified: the
// matters of the meeting's organization that could go on it (submitted or deferred), each with
// its category, its pre-meeting sign-offs (R8: 书记, 校长) and whether it may be added. Whether
// it may is the API's judgement of `schedule` with this meeting as its field (POST
// /api/items/{id}/actions/schedule/judgement): R1 (the body the decision-matter list names)
// depends on the meeting, so the page asks before showing the button. A matter the API would
// refuse shows the rule's own short words (the API's `blocked.words`: "R1：该类事项须由议事清单
// 规定的机构决定"), the engine's whole account folded under them, and no button; adding takes
// the matter's `schedule` action.
import { act, el, errorLine, refusalWords } from './act.js';
import { call } from './api.js';
import { labelled, t } from './labels.js';

const OPEN = new Set(['planned', 'notified']);
const READY = new Set(['submitted', 'deferred']);
const SIGN_OFFS = [['signoff_secretary', 'presigned_secretary'], ['signoff_principal', 'presigned_principal']];

// The API's judgement of scheduling `matter` into `meeting`: {allowed, blocked?}.
async function judged(matter, meeting) {
  const { json } = await call('POST', `/api/items/${matter.id}/actions/schedule/judgement`, {
    body: { fields: { meeting: String(meeting.id) } },
    headers: { 'If-Match': `"v${matter.version}"` },
  });
  return json;
}

// "书记：王伟 已确认 · 校长：未确认": each sign-off, by whom or not yet.
function signOffs(matter, ctx) {
  const line = el('div', 'task-meta sign-offs');
  for (const [key, field] of SIGN_OFFS) {
    const who = matter.fields[field];
    const part = el('span', who ? 'signed' : 'unsigned',
      labelled(key, who ? `${ctx.name(who)} ${t('signed_off')}` : t('not_signed_off')));
    part.dataset.signoff = field;
    line.append(part);
  }
  return line;
}

function candidate(matter, meeting, judgement, ctx, again) {
  const li = el('li', 'task agenda-candidate');
  li.dataset.item = String(matter.id);
  const title = el('span', 'task-title', matter.fields.title || `#${matter.id}`);
  const meta = el('div', 'task-meta');
  meta.append(el('span', '', labelled('category', t(`value_${matter.fields.category}`, matter.fields.category))),
    el('span', 'task-state', labelled('state', t(`state_${matter.state}`, matter.state))));
  li.append(title, meta, signOffs(matter, ctx));
  const schedule = (matter.actions || []).find((a) => a.name === 'schedule');
  if (!judgement.allowed) {
    const blocked = judgement.blocked || {};
    const words = refusalWords(blocked, 'p', 'blocked-reason agenda-refusal');
    if (blocked.rule) words[0].dataset.rule = blocked.rule;
    li.dataset.allowed = 'false';
    li.append(...words);
    return li;
  }
  li.dataset.allowed = 'true';
  const error = errorLine();
  const add = el('button', 'primary', t('add_to_agenda'));
  add.type = 'button';
  add.dataset.action = 'schedule';
  add.setAttribute('aria-label', `${t('add_to_agenda')} ${matter.fields.title || matter.id}`);
  add.addEventListener('click', () => {
    add.disabled = true;
    act(matter, schedule, { meeting: String(meeting.id) }, error, again).finally(() => {
      add.disabled = false;
    });
  });
  const bar = el('div', 'task-actions');
  bar.append(add);
  li.append(bar, error);
  return li;
}

// Who puts matters on an agenda (workflows/matter.yaml `schedule`).
const SCHEDULES = new Set(['clerk', 'secretary', 'principal']);

// The agenda builder for `meeting` over the organization's `matters` (as the meeting page read
// them, with the caller's actions), or null when there is none to show: the meeting is no
// longer planned or notified, or `me` schedules nothing in its organization.
export async function agendaBuilder(me, meeting, matters, ctx, again) {
  if (!OPEN.has(meeting.state)) return null;
  const ready = matters.filter((m) => READY.has(m.state) && (m.actions || []).some((a) => a.name === 'schedule'));
  const schedules = (me.roles || []).some((r) => r.org === meeting.org && SCHEDULES.has(r.role));
  if (ready.length === 0 && !schedules) return null;
  const section = el('section', 'agenda-builder');
  section.setAttribute('aria-labelledby', `agenda-builder-${meeting.id}`);
  const heading = el('h2', '', t('agenda_builder'));
  heading.id = `agenda-builder-${meeting.id}`;
  section.append(heading, el('p', 'muted', t('agenda_builder_hint')));
  if (ready.length === 0) {
    section.append(el('p', '', t('no_ready_matters')));
    return section;
  }
  const judgements = await Promise.all(ready.map((m) => judged(m, meeting)));
  const list = el('ul', 'tasks agenda-candidates');
  list.append(...ready.map((m, i) => candidate(m, meeting, judgements[i], ctx, again)));
  section.append(list);
  return section;
}
