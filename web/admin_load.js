// 加载配置 (load), on the administrator's page: a YAML file picked or pasted, sent to
// POST /api/config/{orgs|workflows|tables|calendar|reports}?file=NAME (the CLI's `org load`,
// `workflow load`, …), or a CSV from Excel: an organization's roster to
// POST /api/config/roster?org=ORG, the decision-matter list to POST /api/config/matters
// (`org import-roster|import-matters`), each with a link that downloads the stored one as
// CSV. What was loaded is the answer's JSON; the refusal, one "NAME:LINE:COL: message" per
// line of its detail (a CSV's line and column), is shown in place: the text's lines with
// their numbers, each erring line marked with its messages right under it.
import { el, errorLine } from './act.js';
import { ApiError, call } from './api.js';
import { t, tf } from './labels.js';

const KINDS = ['orgs', 'workflows', 'tables', 'calendar', 'reports', 'roster', 'matters'];
const CSV_KINDS = new Set(['roster', 'matters']);
const CONTEXT = 3;  // lines shown above and below an erring line

function labelled(control, key) {
  const label = el('label', '', t(key));
  label.htmlFor = control.id;
  return label;
}

// The detail's lines as {line, col, message} (line null for a message about the whole file).
export function lintMessages(detail) {
  return String(detail).split('\n').filter((s) => s.trim()).map((text) => {
    const m = /^.*?:(\d+):(\d+): (.*)$/.exec(text);
    return m ? { line: Number(m[1]), col: Number(m[2]), message: m[3] } : { line: null, col: null, message: text };
  });
}

// The text's lines around the erring ones, numbered, the erring lines marked and followed by
// their messages; a gap (⋯) where lines are left out.
function listing(text, messages) {
  const lines = text.split(/\r?\n/);
  const at = new Map();
  for (const m of messages.filter((x) => x.line !== null)) {
    const n = Math.min(Math.max(m.line, 1), lines.length);
    at.set(n, [...(at.get(n) || []), m]);
  }
  const shown = new Set();
  for (const n of at.keys()) for (let k = n - CONTEXT; k <= n + CONTEXT; k += 1) if (k >= 1 && k <= lines.length) shown.add(k);
  const list = el('ol', 'lint-listing');
  list.setAttribute('aria-label', t('load_listing'));
  let last = 0;
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n > last + 1) list.append(el('li', 'lint-gap', '⋯'));
    last = n;
    const row = el('li', 'lint-line');
    row.value = n;
    row.dataset.line = String(n);
    row.append(el('span', 'lint-number', String(n)), el('code', 'lint-text', lines[n - 1] || ' '));
    const here = at.get(n);
    if (here) {
      row.classList.add('erring');
      for (const m of here) row.append(el('p', 'lint-message', tf('load_at', { line: m.line, col: m.col, message: m.message })));
    }
    list.append(row);
  }
  return list;
}

// What was loaded: the answer's members, each under its label where the page has one.
function loaded(json) {
  const list = el('dl', 'fields');
  for (const [key, value] of Object.entries(json || {})) {
    list.append(el('dt', '', t(`loaded_${key}`, key)));
    const shown = Array.isArray(value) ? value.join('; ') || '—' : typeof value === 'boolean' ? t(value ? 'yes' : 'no') : String(value);
    list.append(el('dd', '', shown));
  }
  return list;
}

// Where a CSV kind is sent and downloaded from: its path with the organization's query.
function csvPath(kind, org) {
  return kind === 'roster' ? `/api/config/roster?org=${encodeURIComponent(org)}` : '/api/config/matters';
}

// The load form and where its answer shows; `onOrgs` is called after an organization file
// or a roster is loaded; `orgs` are the organizations a roster may be of.
export function loadSection(onOrgs, orgs = []) {
  const section = el('section', 'load');
  section.append(el('h2', '', t('load_title')));
  const form = el('form', 'load-form');
  form.noValidate = true;
  const kind = el('select');
  kind.id = 'load-kind';
  for (const k of KINDS) {
    const option = el('option', '', t(`kind_${k}`));
    option.value = k;
    kind.append(option);
  }
  const org = el('select');
  org.id = 'load-org';
  for (const o of orgs) {
    const option = el('option', '', o.name || o.id);
    option.value = o.id;
    org.append(option);
  }
  const orgLabel = labelled(org, 'load_org');
  const download = el('a', 'load-download', t('load_download'));
  const file = el('input');
  file.id = 'load-file';
  file.type = 'file';
  file.accept = '.yaml,.yml,text/yaml';
  const fileLabel = labelled(file, 'load_file');
  // The organization's select and the download link only where they mean something.
  const shape = () => {
    const csv = CSV_KINDS.has(kind.value);
    orgLabel.hidden = kind.value !== 'roster';
    org.hidden = kind.value !== 'roster';
    download.hidden = !csv;
    if (csv) download.href = csvPath(kind.value, org.value);
    download.download = kind.value === 'roster' ? `roster-${org.value}.csv` : 'decision-matters.csv';
    file.accept = csv ? '.csv,text/csv' : '.yaml,.yml,text/yaml';
    fileLabel.textContent = t(csv ? 'load_file_csv' : 'load_file');
  };
  kind.addEventListener('change', shape);
  org.addEventListener('change', shape);
  const text = el('textarea');
  text.id = 'load-text';
  text.rows = 10;
  text.spellcheck = false;
  text.autocapitalize = 'none';
  const send = el('button', 'primary', t('load_send'));
  send.type = 'submit';
  const outcome = el('div', 'load-outcome');
  outcome.setAttribute('aria-live', 'polite');
  form.append(labelled(kind, 'load_kind'), kind, orgLabel, org, download, fileLabel, file, labelled(text, 'load_text'), text, send);
  section.append(form, outcome);
  shape();

  let name = '';
  file.addEventListener('change', async () => {
    const picked = file.files && file.files[0];
    if (!picked) return;
    name = picked.name;
    text.value = await picked.text();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    const body = text.value;
    if (!body.trim()) {
      const empty = errorLine();
      empty.textContent = t('load_empty');
      empty.hidden = false;
      outcome.append(empty);
      return;
    }
    const csv = CSV_KINDS.has(kind.value);
    const named = name ? `file=${encodeURIComponent(name)}` : '';
    const path = csv ? csvPath(kind.value, org.value) : `/api/config/${kind.value}`;
    const query = named ? `${path.includes('?') ? '&' : '?'}${named}` : '';
    try {
      const { json } = await call('POST', `${path}${query}`, { yaml: body });
      const done = el('div', 'load-done card');
      done.append(el('p', 'load-ok', t('load_ok')), loaded(json));
      outcome.append(done);
      // The people's tables asked again; should that fail, they stay as they were until the
      // page is opened again (the load itself stands, as shown).
      if ((kind.value === 'orgs' || kind.value === 'roster') && onOrgs) onOrgs().catch(() => {});
    } catch (e) {
      const words = e instanceof ApiError ? e.message : String(e);
      const messages = lintMessages(words);
      const alert = el('div', 'load-refused');
      alert.setAttribute('role', 'alert');
      alert.append(el('p', 'error', t('load_refused')));
      const general = messages.filter((m) => m.line === null);
      if (general.length > 0) {
        const list = el('ul', 'lint-general');
        for (const m of general) list.append(el('li', 'error', m.message));
        alert.append(list);
      }
      outcome.append(alert);
      if (messages.some((m) => m.line !== null)) outcome.append(listing(body, messages));
    }
  });
  return section;
}
