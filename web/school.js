// One school as its supervisor sees it (#supervision/TERM/ORG): the report's status for the
// term; accept or return with a comment, offered only while the report is submitted and the
// report item's "actions" (the API) let the caller review; the submitted report shown in
// place; the term's findings, each opening its item and the item's history; the audit
// chain's verification on demand; and the chain as an export file.
import { blockedAction, el, errorLine } from './act.js';
import { ApiError, call } from './api.js';
import { currentLang, labelled, pick, t, tf } from './labels.js';
import { historyBox } from './meetings.js';
import { cellText, cellValue, REPORT, reportDocument, statusLight } from './report_view.js';

const enc = encodeURIComponent;
const words = (e) => (e instanceof ApiError ? e.message : String(e));

function showError(error, e) {
  error.textContent = words(e);
  error.hidden = false;
}

// The school's own roll-up row (the roll-up at a school covers the school alone): the
// engine's status for the term, and the report item.
async function statusOf(org, term) {
  const { json: doc } = await call('GET', `/api/reports/${REPORT}/${enc(org)}/${enc(term)}/rollup?format=json`);
  const table = doc.sections.find((s) => s.id === 'orgs').tables[0];
  const col = (id) => table.columns.findIndex((c) => c.id === id);
  const row = table.rows.find((r) => cellValue(r[col('org')]) === org);
  if (!row) return null;
  return { name: cellText(row[col('org')]), term: pick(doc.term.labels, term), status: cellValue(row[col('status')]), statusText: cellText(row[col('status')]),
    item: cellValue(row[col('item')]) };
}

// Accept / return with a comment: only the review actions the API offers on the report item.
function reviewForm(org, term, item, offered, again) {
  const form = el('form', 'review-form');
  form.noValidate = true;
  const label = el('label', '', t('review_comment'));
  label.htmlFor = 'review-comment';
  const comment = el('textarea');
  comment.id = 'review-comment';
  comment.name = 'comment';
  comment.rows = 3;
  const error = errorLine();
  const buttons = el('div', 'task-actions');
  for (const action of offered) {
    if (action.blocked) {
      buttons.append(...blockedAction(item, action, action.name === 'accept' ? 'primary' : ''));
      continue;
    }
    const button = el('button', action.name === 'accept' ? 'primary' : '', pick(action.labels, action.name));
    button.type = 'button';
    button.dataset.action = action.name;
    button.addEventListener('click', async () => {
      error.hidden = true;
      try {
        await call('POST', `/api/reports/${REPORT}/${enc(org)}/${enc(term)}/review`,
          { body: { accept: action.name === 'accept', comment: comment.value.trim() } });
        await again();
      } catch (e) {
        showError(error, e);
      }
    });
    buttons.append(button);
  }
  form.addEventListener('submit', (event) => event.preventDefault());
  form.append(label, comment, buttons, error);
  return form;
}

// The submitted report, read and shown when opened; a printable copy in a new tab.
function submittedBox(org, term) {
  const base = `/api/reports/${REPORT}/${enc(org)}/${enc(term)}?submitted=true`;
  const box = el('details', 'submitted-report');
  box.append(el('summary', '', t('report_submitted')));
  const body = el('div');
  const print = el('a', '', t('print_version'));
  print.href = `${base}&format=html`;
  print.target = '_blank';
  print.rel = 'noopener';
  // The submitted copy as a workbook, in the page's language (a link sends no Accept-Language of the page's).
  const xlsx = el('a', 'export-xlsx', t('export_report_xlsx'));
  xlsx.href = `${base}&format=xlsx&lang=${currentLang() === 'en' ? 'en' : 'zh'}`;
  xlsx.download = `${REPORT}-${org}-${term}-submitted.xlsx`;
  const error = errorLine();
  box.append(print, ' ', xlsx, error, body);
  box.addEventListener('toggle', async () => {
    if (!box.open || body.childElementCount > 0) return;
    try {
      const { json } = await call('GET', `${base}&format=json`);
      body.replaceChildren(reportDocument(json));
    } catch (e) {
      showError(error, e);
    }
  });
  return box;
}

// A finding's item, read when opened: its workflow, state and fields, then its history.
function itemBox(id) {
  const box = el('details', 'finding-item');
  box.dataset.item = String(id);
  box.append(el('summary', '', tf('item_number', { id })));
  const body = el('div');
  const error = errorLine();
  box.append(error, body);
  box.addEventListener('toggle', async () => {
    if (!box.open || body.childElementCount > 0) return;
    try {
      const [{ json: item }, { json: workflows }] = await Promise.all([call('GET', `/api/items/${id}`), call('GET', '/api/workflows')]);
      const workflow = workflows.find((w) => w.workflow === item.workflow)?.label || item.workflow;
      const meta = el('div', 'task-meta');
      meta.append(el('span', '', labelled('workflow', workflow)),
        el('span', 'task-state', labelled('state', t(`state_${item.state}`, item.state))));
      const fields = el('dl', 'fields');
      for (const [name, value] of Object.entries(item.fields)) {
        if (value === null || value === '') continue;
        fields.append(el('dt', '', name), el('dd', '', typeof value === 'object' ? JSON.stringify(value) : String(value)));
      }
      const history = historyBox(item);
      body.replaceChildren(meta, fields, history);
      history.open = true;
    } catch (e) {
      showError(error, e);
    }
  });
  return box;
}

async function findingsList(org, term) {
  const { json } = await call('GET', `/api/orgs/${enc(org)}/findings?term=${enc(term)}`);
  if (json.findings.length === 0) return el('p', 'muted', t('no_findings'));
  const list = el('ul', 'tasks findings');
  for (const f of json.findings) {
    const li = el('li', 'task finding');
    li.dataset.rule = f.rule;
    const head = el('div', 'task-head');
    head.append(el('span', `severity ${f.severity}`, t(`severity_${f.severity}`, f.severity)),
      el('span', 'task-title', pick(f.message, f.check)));
    const meta = el('div', 'task-meta');
    meta.append(el('span', '', labelled('rule', f.rule)));
    for (const e of f.evidence || []) {
      if (e.value !== '' && e.value !== null) meta.append(el('span', '', `${e.field}: ${e.value}`));
    }
    li.append(head, meta);
    // What the check found (the counts, the dates), in the page's language.
    const detail = pick(f.detail, '');
    if (detail) li.append(el('p', 'finding-detail', detail));
    if (f.item) li.append(itemBox(f.item));
    list.append(li);
  }
  return list;
}

// The chain's verification, when asked: its counts, or the API's words when it fails.
function verifyPart(org) {
  const part = el('div', 'verify');
  const button = el('button', '', t('verify_chain'));
  button.type = 'button';
  const result = el('p', 'verify-result');
  result.setAttribute('role', 'status');
  const error = errorLine();
  button.addEventListener('click', async () => {
    error.hidden = true;
    result.textContent = '';
    try {
      const { json } = await call('GET', `/api/audit/verify?org=${enc(org)}`);
      result.textContent = tf('verify_ok', { entries: json.entries, items: json.items });
    } catch (e) {
      showError(error, e);
    }
  });
  const chain = el('a', '', t('export_chain'));
  chain.href = `/api/orgs/${enc(org)}/audit/export`;
  chain.download = `${org}-audit.jsonl`;
  part.append(button, chain, result, error);
  return part;
}

// `current()` false: a later rendering of the page has begun, this one shows nothing.
export async function renderSchool(me, root, term, org, current = () => true) {
  const again = () => renderSchool(me, root, term, org);
  const back = el('a', 'back', t('back_to_rollup'));
  back.href = `#supervision/${enc(term)}`;
  const status = await statusOf(org, term);
  const card = el('article', 'card school-page');
  card.dataset.org = org;
  card.append(el('h1', '', status ? status.name : org));
  if (status) {
    const line = el('div', 'task-head');
    line.dataset.status = status.status;
    line.append(statusLight(status.status, status.statusText), el('span', 'school-status', labelled('report_status', status.statusText)),
      el('span', 'muted', labelled('term', status.term)));
    card.append(line);
    if (status.item) {
      const { json: item } = await call('GET', `/api/items/${status.item}`);
      const offered = (item.actions || []).filter((a) => a.name === 'accept' || a.name === 'return');
      if (status.status === 'submitted' && offered.length > 0) card.append(reviewForm(org, term, item, offered, again));
      if (item.fields.comment) card.append(el('p', 'review-said', labelled('review_comment', item.fields.comment)));
      if (item.fields.report_hash) card.append(submittedBox(org, term));
    }
  }
  card.append(verifyPart(org));
  const findings = await findingsList(org, term);
  if (current()) root.replaceChildren(back, card, el('h2', '', t('findings')), findings);
}
