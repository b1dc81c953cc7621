// The files attached to an item (GET/POST /api/items/{id}/attachments): a list of download
// links, read when `holder` (the item's history box) opens, and a file chooser with an upload
// button. The server decides who may attach; a refusal's words show in the alert line.
import { ApiError, call } from './api.js';
import { el, errorLine } from './act.js';
import { t, tf } from './labels.js';

function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// Built when `holder` first opens, so that a closed history adds nothing to its card (no
// button, form or alert line among the card's own).
export function attachmentsSection(item, holder) {
  const section = el('section', 'attachments');
  let list = null;
  let error = null;
  const load = async () => {
    const { json } = await call('GET', `/api/items/${item.id}/attachments`);
    if (json.length === 0) {
      list.replaceChildren(el('li', 'muted', t('no_attachments')));
      return;
    }
    list.replaceChildren(...json.map((a) => {
      const li = el('li');
      const link = el('a', '', a.name);
      link.href = a.href;
      link.download = a.name;
      const when = a.attached_at.replace('T', ' ').replace('Z', '');
      li.append(link, el('span', 'muted', ` ${tf('attached_by', { size: sizeText(a.size), actor: a.actor, time: when })}`));
      return li;
    }));
  };
  const build = () => {
    list = el('ul', 'attachment-list');
    error = errorLine();
    const form = el('form', 'attach-form');
    const id = `attach-${item.id}`;
    const label = el('label', '', t('attach_choose'));
    label.htmlFor = id;
    const input = el('input');
    input.type = 'file';
    input.id = id;
    input.name = 'file';
    input.accept = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,application/pdf,image/png,image/jpeg,text/plain';
    const submit = el('button', 'primary', t('attach_upload'));
    submit.type = 'submit';
    form.append(label, input, submit);
    section.append(el('h3', '', t('attachments')), list, form, error);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      const file = input.files && input.files[0];
      if (!file) {
        error.textContent = t('attach_none_chosen');
        error.hidden = false;
        input.focus();
        return;
      }
      submit.disabled = true;
      try {
        await call('POST', `/api/items/${item.id}/attachments`, {
          file,
          headers: { 'X-Filename': encodeURIComponent(file.name) },
        });
        form.reset();
        await load();
      } catch (e) {
        error.textContent = e instanceof ApiError ? e.message : String(e);
        error.hidden = false;
      } finally {
        submit.disabled = false;
      }
    });
  };
  holder.addEventListener('toggle', () => {
    if (!holder.open) return;
    if (!list) build();
    load().catch((e) => { error.textContent = e.message; error.hidden = false; });
  });
  return section;
}
