// The two forms the meeting page asks its actions' fields in: attendance, taken once when the
// meeting is held (`hold`: the body's members as checkboxes, an absentee's reason, the
// non-voting attendees), and a topic's positions (`vote`: one row per member present, in
// speaking order, the secretary's row last — R5). Each shows live what the rules will judge
// (the quorum, R2/R13; the majority of the members who should attend, R4); the API decides.
import { act, el, formButtons } from './act.js';
import { listed, t, tf } from './labels.js';

// The choices a member present states (workflows/matter.yaml "votes"); `recused` is fixed
// for a recused member, `absent-with-opinion` is not a present member's.
const CHOICES = ['agree', 'disagree', 'abstain', 'defer'];

function checkbox(id, name, text, checked) {
  const box = el('input');
  box.type = 'checkbox';
  box.id = id;
  box.name = name;
  box.checked = checked;
  const label = el('label', 'check', '');
  label.htmlFor = id;
  label.prepend(box);
  label.append(text);
  return { box, label };
}

function buttonRow(buttons) {
  const row = el('div', 'task-actions');
  row.append(...buttons);
  return row;
}

// Commas separate a list field's values: one typed in a reason becomes a Chinese comma.
const oneValue = (text) => text.trim().replace(/,/g, '，');

// `hold`: who is present (all ticked at first), why each absentee is absent, who attended
// without a vote.
export function attendanceForm(meeting, action, ctx, errorEl, onDone, close) {
  const body = ctx.body(meeting);
  const staff = meeting.fields.body === 'staff-congress';
  const form = el('form', 'meeting-form attendance');
  form.noValidate = true;
  const members = el('fieldset', 'members');
  members.append(el('legend', '', t('members_present')));
  const rows = body.members.map((person) => {
    const row = el('div', 'member-row');
    const { box, label } = checkbox(`present-${meeting.id}-${person}`, 'present', ctx.name(person), true);
    const reasonId = `absent-${meeting.id}-${person}`;
    const reasonLabel = el('label', 'reason-label', t('absent_reason'));
    reasonLabel.htmlFor = reasonId;
    const reason = el('input', 'reason');
    reason.id = reasonId;
    reason.name = 'absent_reason';
    const shown = () => {
      reasonLabel.hidden = box.checked;
      reason.hidden = box.checked;
    };
    box.addEventListener('change', () => {
      shown();
      count();
      if (!box.checked) reason.focus();
    });
    shown();
    row.append(label, reasonLabel, reason);
    members.append(row);
    return { person, box, reason };
  });
  const quorum = el('p', 'live', '');
  quorum.setAttribute('aria-live', 'polite');
  const count = () => {
    const n = rows.filter((r) => r.box.checked).length;
    const m = body.members.length;
    const met = staff ? n * 3 >= m * 2 : n * 2 > m;
    quorum.textContent = `${tf('quorum_line', { n, m, rule: t(staff ? 'two_thirds' : 'more_than_half') })} · ${t(met ? 'quorum_met' : 'quorum_missed')}`;
    quorum.dataset.met = String(met);
  };
  count();
  const others = el('fieldset', 'attendees');
  others.append(el('legend', '', t('attendees')));
  const attendees = body.attendees.map((person) => {
    const { box, label } = checkbox(`attendee-${meeting.id}-${person}`, 'attendees', ctx.name(person), false);
    others.append(label);
    return { person, box };
  });
  form.append(members, quorum);
  if (attendees.length > 0) form.append(others);
  form.append(buttonRow(formButtons(action, close)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = { present: rows.filter((r) => r.box.checked).map((r) => r.person).join(',') };
    const absent = rows.filter((r) => !r.box.checked).map((r) => `${r.person}: ${oneValue(r.reason.value)}`);
    if (absent.length > 0) fields.absent = absent.join(', ');
    const came = attendees.filter((a) => a.box.checked).map((a) => a.person);
    if (came.length > 0) fields.attendees = came.join(',');
    act(meeting, action, fields, errorEl, onDone);
  });
  return form;
}

// `vote`: the meeting's members present, the secretary last; a recused member's row is fixed.
export function positionsForm(topic, meeting, action, ctx, errorEl, onDone, close) {
  const body = ctx.body(meeting);
  const recused = new Set(topic.fields.recused || []);
  const present = [...(meeting.fields.present || [])];
  const secretary = ctx.secretaries(meeting.org);
  present.sort((a, b) => Number(secretary.has(a)) - Number(secretary.has(b)));
  const form = el('form', 'meeting-form positions');
  form.noValidate = true;
  const list = el('ol', 'position-rows');
  const tally = el('p', 'live', '');
  tally.setAttribute('aria-live', 'polite');
  const rows = present.map((person) => {
    const li = el('li', 'position-row');
    li.dataset.person = person;
    const group = el('fieldset', 'choices');
    const legend = el('legend', 'who', ctx.name(person) + (secretary.has(person) ? t('secretary_mark') : ''));
    group.append(legend);
    const row = { person, li, choice: () => null };
    if (recused.has(person)) {
      group.append(el('span', 'fixed', t('value_recused')));
      row.choice = () => 'recused';
    } else {
      for (const value of CHOICES) {
        const id = `v-${topic.id}-${person}-${value}`;
        const radio = el('input');
        radio.type = 'radio';
        radio.name = `vote-${person}`;
        radio.value = value;
        radio.id = id;
        radio.addEventListener('change', () => count());
        const label = el('label', 'choice', t(`value_${value}`, value));
        label.htmlFor = id;
        label.prepend(radio);
        group.append(label);
      }
      row.choice = () => group.querySelector('input:checked')?.value ?? null;
      row.set = (value) => {
        if (!row.choice()) group.querySelector(`input[value="${value}"]`).checked = true;
      };
    }
    const up = el('button', 'up', '↑');
    up.type = 'button';
    up.setAttribute('aria-label', `${t('move_up')} ${ctx.name(person)}`);
    up.addEventListener('click', () => {
      if (li.previousElementSibling) li.previousElementSibling.before(li);
    });
    li.append(group, up);
    list.append(li);
    return row;
  });
  const count = () => {
    const agree = rows.filter((r) => r.choice() === 'agree').length;
    const m = body.members.length;
    tally.textContent = tf('tally_line', { agree, m, half: m / 2 });
  };
  count();
  const allAgree = el('button', '', t('all_agree'));
  allAgree.type = 'button';
  allAgree.addEventListener('click', () => {
    for (const r of rows) if (r.set) r.set('agree');
    count();
  });
  form.append(el('p', 'legend-line', t('positions')), list, tally, buttonRow([allAgree, ...formButtons(action, close)]));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // In the order the rows stand now: the order the positions were stated.
    const ordered = [...list.children].map((li) => rows.find((r) => r.li === li));
    const missing = ordered.filter((r) => !r.choice()).map((r) => ctx.name(r.person));
    if (missing.length > 0) {
      errorEl.textContent = tf('position_missing', { who: listed(missing) });
      errorEl.hidden = false;
      return;
    }
    const votes = ordered.map((r) => `${r.person}:${r.choice()}`).join(',');
    act(topic, action, { votes }, errorEl, onDone);
  });
  return form;
}
