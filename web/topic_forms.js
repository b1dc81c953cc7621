// A topic's forms on the clerk's meeting page, while the meeting is held: recusals (`recuse`:
// the members at the meeting as checkboxes; a recusal once recorded stays, R6) and the
// positions (`vote`) with the topic's own attendance — who of those at the meeting is present
// for this topic, and why the others are not (`present`, `attendance_note`). The rows follow
// the attendance: a member not present for the topic has no row, a recused member's row is
// fixed to 回避, a member absent with a written opinion (`submit_opinion`, before the meeting)
// is offered `absent-with-opinion` with the opinion's text, and the secretary's row stands
// last (R5). The quorum of the topic (R2; two thirds for R3's categories) and the majority of
// the members who should attend (R4) are shown live; the API decides.
import { act, el, formButtons } from './act.js';
import { call } from './api.js';
import { listed, t, tf } from './labels.js';
import { buttonRow, checkbox } from './meeting_forms.js';

// The choices a member present states (workflows/matter.yaml "votes").
const CHOICES = ['agree', 'disagree', 'abstain', 'defer'];
// The categories whose quorum is two thirds (matter.yaml R3).
const TWO_THIRDS = new Set(['cadre-appointment', 'development-plan']);

// The written opinions submitted on `topic` for its current meeting, person -> text (each
// member's latest), from the item's history: the `submit_opinion` entries after the last
// `schedule`.
export async function opinionsOf(topic) {
  const opinions = new Map();
  const { json } = await call('GET', `/api/items/${topic.id}/history`);
  for (const e of json) {
    if (e.outcome !== 'ok') continue;
    if (e.action === 'schedule') opinions.clear();
    const text = e.changes?.opinion?.[1];
    if (e.action === 'submit_opinion' && text) opinions.set(e.actor, text);
  }
  return opinions;
}

// `recuse`: who of those at the meeting recuses themselves from the topic (already recused
// members are listed and stay).
export function recuseForm(topic, meeting, action, ctx, errorEl, onDone, close) {
  const recused = topic.fields.recused || [];
  const form = el('form', 'meeting-form recusals');
  form.noValidate = true;
  const group = el('fieldset', 'members');
  group.append(el('legend', '', t('recuse_pick')));
  const people = meeting.fields.present || ctx.body(meeting).members;
  const boxes = people.map((person) => {
    const done = recused.includes(person);
    const { box, label } = checkbox(`recuse-${topic.id}-${person}`, 'recused', ctx.name(person), done);
    box.disabled = done;
    group.append(label);
    return { person, box };
  });
  form.append(group, buttonRow(formButtons(action, close)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = boxes.filter((b) => b.box.checked).map((b) => b.person);
    if (picked.length === recused.length) {
      errorEl.textContent = t('recuse_none');
      errorEl.hidden = false;
      return;
    }
    act(topic, action, { recused: picked.join(',') }, errorEl, onDone);
  });
  return form;
}

// One position row: the member's choices, fixed 回避 for a recused member, or the written
// opinion for one not present for the topic.
function positionRow(topic, person, ctx, secretary, opinion, onChange) {
  const li = el('li', 'position-row');
  li.dataset.person = person;
  const group = el('fieldset', 'choices');
  group.append(el('legend', 'who', ctx.name(person) + (secretary ? t('secretary_mark') : '')));
  const choices = el('span', 'choice-set');
  for (const value of CHOICES) {
    const id = `v-${topic.id}-${person}-${value}`;
    const radio = el('input');
    radio.type = 'radio';
    radio.name = `vote-${person}`;
    radio.value = value;
    radio.id = id;
    radio.addEventListener('change', onChange);
    const label = el('label', 'choice', t(`value_${value}`, value));
    label.htmlFor = id;
    label.prepend(radio);
    choices.append(label);
  }
  const fixed = el('span', 'fixed', t('value_recused'));
  const written = el('span', 'written-opinion');
  let withOpinion = null;
  if (opinion !== undefined) {
    const made = checkbox(`v-${topic.id}-${person}-absent-with-opinion`, `opinion-${person}`, t('opinion_record'), true);
    made.box.addEventListener('change', onChange);
    withOpinion = made.box;
    written.append(made.label, el('span', 'opinion-text', tf('opinion_of', { name: ctx.name(person), text: opinion })));
  }
  group.append(choices, fixed, written);
  const row = { person, li, mode: 'choices' };
  // mode: 'choices' (present for the topic), 'recused', 'opinion' or 'none' (no row).
  row.show = (mode) => {
    row.mode = mode;
    li.hidden = mode === 'none';
    choices.hidden = mode !== 'choices';
    fixed.hidden = mode !== 'recused';
    written.hidden = mode !== 'opinion';
  };
  row.choice = () => {
    if (row.mode === 'recused') return 'recused';
    if (row.mode === 'opinion') return withOpinion?.checked ? 'absent-with-opinion' : null;
    if (row.mode === 'choices') return choices.querySelector('input:checked')?.value ?? null;
    return null;
  };
  row.set = (value) => {
    if (row.mode === 'choices' && !row.choice()) choices.querySelector(`input[value="${value}"]`).checked = true;
  };
  const up = el('button', 'up', '↑');
  up.type = 'button';
  up.setAttribute('aria-label', `${t('move_up')} ${ctx.name(person)}`);
  up.addEventListener('click', () => {
    let before = li.previousElementSibling;
    while (before && before.hidden) before = before.previousElementSibling;
    if (before) before.before(li);
  });
  li.append(group, up);
  return row;
}

// `vote`: the topic's attendance, then one row per member present for it, in speaking order.
export function positionsForm(topic, meeting, action, ctx, errorEl, onDone, close, opinions = new Map()) {
  const body = ctx.body(meeting);
  const members = new Set(body.members);
  const recused = new Set(topic.fields.recused || []);
  const atMeeting = [...(meeting.fields.present || [])];
  const recorded = Array.isArray(topic.fields.present) && topic.fields.present.length > 0 ? new Set(topic.fields.present) : null;
  const secretary = ctx.secretaries(meeting.org);
  const form = el('form', 'meeting-form positions');
  form.noValidate = true;

  // Who of those at the meeting is present for this topic (the recused are not).
  const attendance = el('fieldset', 'topic-attendance');
  attendance.append(el('legend', '', t('topic_attendance')));
  const here = atMeeting.filter((p) => !recused.has(p)).map((person) => {
    const { box, label } = checkbox(`topic-present-${topic.id}-${person}`, 'present', ctx.name(person), recorded ? recorded.has(person) : true);
    box.addEventListener('change', () => refresh());
    attendance.append(label);
    return { person, box };
  });
  for (const person of atMeeting.filter((p) => recused.has(p))) {
    attendance.append(el('span', 'check muted', ctx.name(person) + t('recused_not_counted')));
  }
  const noteId = `topic-note-${topic.id}`;
  const noteLabel = el('label', 'reason-label', t('topic_attendance_note'));
  noteLabel.htmlFor = noteId;
  const note = el('input', 'reason');
  note.id = noteId;
  note.name = 'attendance_note';
  note.value = topic.fields.attendance_note || '';
  const noteRow = el('div', 'topic-note');
  noteRow.append(noteLabel, note);
  attendance.append(noteRow);
  const quorum = el('p', 'live topic-quorum', '');
  quorum.setAttribute('aria-live', 'polite');

  // The rows: everyone at the meeting, then members absent with a written opinion; the
  // secretary last.
  const people = [...atMeeting];
  for (const person of opinions.keys()) if (!people.includes(person) && members.has(person)) people.push(person);
  people.sort((a, b) => Number(secretary.has(a)) - Number(secretary.has(b)));
  const list = el('ol', 'position-rows');
  const tally = el('p', 'live', '');
  tally.setAttribute('aria-live', 'polite');
  const rows = people.map((person) => {
    const row = positionRow(topic, person, ctx, secretary.has(person), opinions.get(person), () => count());
    list.append(row.li);
    return row;
  });
  const present = () => here.filter((h) => h.box.checked).map((h) => h.person);
  const count = () => {
    const agree = rows.filter((r) => r.choice() === 'agree').length;
    const m = body.members.length;
    tally.textContent = tf('tally_line', { agree, m, half: m / 2 });
  };
  const refresh = () => {
    const now = new Set(present());
    for (const row of rows) {
      if (recused.has(row.person)) row.show('recused');
      else if (now.has(row.person)) row.show('choices');
      else row.show(opinions.has(row.person) ? 'opinion' : 'none');
    }
    const left = here.some((h) => !h.box.checked);
    noteRow.hidden = !left;
    const n = [...now].filter((p) => members.has(p)).length;
    const m = body.members.length;
    const strict = !TWO_THIRDS.has(topic.fields.category);
    const met = strict ? n * 2 > m : n * 3 >= m * 2 && n * 2 > m;
    quorum.textContent = `${tf('topic_quorum_line', { n, m, rule: t(strict ? 'more_than_half' : 'two_thirds') })} · ${t(met ? 'quorum_met' : 'quorum_missed')}`;
    quorum.dataset.met = String(met);
    count();
  };
  refresh();

  const allAgree = el('button', '', t('all_agree'));
  allAgree.type = 'button';
  allAgree.addEventListener('click', () => {
    for (const r of rows) r.set('agree');
    count();
  });
  form.append(attendance, quorum, el('p', 'legend-line', t('positions')), list, tally,
    buttonRow([allAgree, ...formButtons(action, close)]));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // In the order the rows stand now: the order the positions were stated.
    const ordered = [...list.children].map((li) => rows.find((r) => r.li === li)).filter((r) => r.mode !== 'none');
    const missing = ordered.filter((r) => r.mode === 'choices' && !r.choice()).map((r) => ctx.name(r.person));
    if (missing.length > 0) {
      errorEl.textContent = tf('position_missing', { who: listed(missing) });
      errorEl.hidden = false;
      return;
    }
    const fields = {
      votes: ordered.filter((r) => r.choice()).map((r) => `${r.person}:${r.choice()}`).join(','),
      present: present().join(','),
    };
    if (here.some((h) => !h.box.checked)) {
      const why = note.value.trim();
      if (!why) {
        errorEl.textContent = t('topic_note_missing');
        errorEl.hidden = false;
        note.focus();
        return;
      }
      fields.attendance_note = why;
    }
    act(topic, action, fields, errorEl, onDone);
  });
  return form;
}
