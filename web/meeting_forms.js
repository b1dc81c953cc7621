// The meeting's attendance form, taken once when the meeting is held (`hold`: the body's
// members as checkboxes, an absentee's reason, the non-voting attendees), with the quorum
// shown live as the rules will judge it (R2/R13); the API decides. A topic's forms (recusals,
// its own attendance and positions) are in topic_forms.js.
import { act, el, formButtons } from './act.js';
import { t, tf } from './labels.js';

// A checkbox with its label (the text after the box), for these forms and topic_forms.js.
export function checkbox(id, name, text, checked) {
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

// A form's row of buttons.
export function buttonRow(buttons) {
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
