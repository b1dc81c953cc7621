// The meeting's minutes on the meeting page: 起草会议记录 opens a text box holding the draft
// made from the record (GET /api/meetings/{id}/minutes-draft) — or the minutes already drafted
// when drafting again — which the clerk edits and saves (`draft_minutes`); the minutes as
// recorded, and once signed (`sign_minutes`) the signer, the time and the SHA-256 of the text
// signed that the chain holds (short, the whole in its title).
import { act, el, formButtons } from './act.js';
import { call } from './api.js';
import { currentLang, labelled, t } from './labels.js';

// `draft_minutes`: the text to save, prefilled from the record or the current minutes.
export function minutesForm(meeting, action, errorEl, onDone, close) {
  const form = el('form', 'meeting-form minutes-form');
  form.noValidate = true;
  const id = `minutes-${meeting.id}`;
  const label = el('label', '', t('minutes_text'));
  label.htmlFor = id;
  const text = el('textarea', 'minutes-text');
  text.id = id;
  text.name = 'minutes';
  text.rows = 16;
  const status = el('p', 'live muted', '');
  status.setAttribute('aria-live', 'polite');
  const fromRecord = el('button', '', t('minutes_from_record'));
  fromRecord.type = 'button';
  const fill = async () => {
    text.disabled = true;
    status.textContent = t('minutes_loading');
    try {
      const lang = currentLang() === 'en' ? 'en' : 'zh';
      const { json } = await call('GET', `/api/meetings/${meeting.id}/minutes-draft?lang=${lang}`);
      text.value = json.text;
      status.textContent = t('minutes_drafted_from_record');
    } catch (e) {
      status.textContent = `${t('minutes_draft_failed')} ${e.message || e}`;
    } finally {
      text.disabled = false;
    }
  };
  fromRecord.addEventListener('click', () => {
    fill().then(() => text.focus());
  });
  const current = meeting.fields.minutes;
  if (typeof current === 'string' && current !== '') {
    text.value = current;
    status.textContent = t('minutes_current');
  } else {
    fill();
  }
  const row = el('div', 'task-actions');
  row.append(fromRecord, ...formButtons(action, close));
  form.append(label, text, status, row);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(meeting, action, { minutes: text.value }, errorEl, onDone);
  });
  return form;
}

// The minutes as recorded, and who signed them, when, and the hash of the text signed.
export function minutesSection(meeting, ctx) {
  const f = meeting.fields;
  if (typeof f.minutes !== 'string' || f.minutes === '') return null;
  const section = el('section', 'minutes');
  section.setAttribute('aria-label', t('minutes_heading'));
  section.append(el('h2', '', t('minutes_heading')), el('pre', 'minutes-text', f.minutes));
  if (f.signed_by) {
    const line = el('p', 'task-meta minutes-signed');
    line.append(el('span', '', labelled('minutes_signed_by', ctx.name(f.signed_by))),
      el('span', '', labelled('minutes_signed_at', ctx.when(meeting, f.signed_at))));
    if (f.minutes_sha256) {
      const hash = el('span', 'minutes-hash', '');
      hash.append(`${t('minutes_sha256')}${currentLang() === 'en' ? ': ' : '：'}`);
      const code = el('code', '', `${f.minutes_sha256.slice(0, 12)}…`);
      code.title = f.minutes_sha256;
      code.dataset.sha256 = f.minutes_sha256;
      hash.append(code);
      line.append(hash);
    }
    section.append(line);
  } else {
    section.append(el('p', 'muted', t('minutes_not_signed')));
  }
  return section;
}
