// 督导 (supervision), the supervisor's page: the semester report's roll-up for the
// organizations below each one the person supervises (any depth), one row per school with its
// report status and a light, grouped under the school's parent (its district) with subtotals
// per status; the roll-up as CSV and Excel, each school's audit chain as its export file (real
// download links); and one school (#supervision/TERM/ORG, school.js).
// Address: #supervision, #supervision/TERM, #supervision/TERM/ORG.
import { el } from './act.js';
import { call } from './api.js';
import { currentLang, labelled, pick, t, tf } from './labels.js';
import { cellText, cellValue, REPORT, reportTable, STATUSES, statusLight } from './report_view.js';
import { renderSchool } from './school.js';

const TERM_KEY = 'docket.term';

// The organizations where the person holds the supervisor role.
export function supervised(me) {
  return [...new Set((me.roles || []).filter((r) => r.role === 'supervisor').map((r) => r.org))];
}

function remembered() {
  try {
    return localStorage.getItem(TERM_KEY) || '';
  } catch {
    return '';
  }
}

function remember(term) {
  try {
    localStorage.setItem(TERM_KEY, term);
  } catch {
    // Kept for this page only.
  }
}

// A term to open on when the address names none: the one chosen last, else the term of the
// newest semester report of the first school below (the calendar names its terms).
async function defaultTerm(orgs, root) {
  const known = remembered();
  if (known) return known;
  const below = new Set([root]);
  for (const o of orgs) if (o.parent && below.has(o.parent)) below.add(o.id);
  const school = orgs.find((o) => o.kind === 'school' && below.has(o.id));
  if (!school) return '';
  const { json } = await call('GET', `/api/items?org=${encodeURIComponent(school.id)}&workflow=semester-report`);
  const newest = json.filter((i) => i.fields.semester).sort((a, b) => b.id - a.id)[0];
  return newest ? newest.fields.semester : '';
}

function termForm(term) {
  const form = el('form', 'term-form');
  form.noValidate = true;
  const label = el('label', '', t('term'));
  label.htmlFor = 'sup-term';
  const input = el('input');
  input.id = 'sup-term';
  input.name = 'term';
  input.value = term;
  input.autocapitalize = 'none';
  const go = el('button', '', t('show'));
  go.type = 'submit';
  form.append(label, input, go);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = input.value.trim();
    if (chosen) window.location.hash = `#supervision/${encodeURIComponent(chosen)}`;
  });
  return form;
}

// The subtotals of `rows` per status after `key` (小计 / 合计): "已报送 2 · 逾期未报 1", only
// the statuses that occur.
function subtotals(rows, words, className, key) {
  const line = el('p', className);
  line.append(el('span', 'subtotal-key', t(key)));
  for (const status of STATUSES) {
    const n = rows.filter((r) => r.status === status).length;
    if (n === 0) continue;
    const chip = el('span', 'subtotal', `${words.get(status) || status} ${n}`);
    chip.dataset.status = status;
    chip.dataset.count = String(n);
    line.append(chip);
  }
  return line;
}

function schoolCard(row, term) {
  const li = el('li', 'task school');
  li.dataset.org = row.org;
  li.dataset.status = row.status;
  li.dataset.name = row.name;
  const head = el('div', 'task-head');
  const a = el('a', 'task-title', row.name);
  a.href = `#supervision/${encodeURIComponent(term)}/${encodeURIComponent(row.org)}`;
  head.append(statusLight(row.status, row.statusText), a);
  const meta = el('div', 'task-meta');
  meta.append(el('span', 'school-status', labelled('report_status', row.statusText)));
  meta.append(el('span', '', labelled('findings', String(row.findings))));
  const chain = el('a', 'export-chain', t('export_chain'));
  chain.href = `/api/orgs/${encodeURIComponent(row.org)}/audit/export`;
  chain.download = `${row.org}-audit.jsonl`;
  chain.title = `${t('export_chain')}: ${row.name}`;  // its description; the school's link keeps the name
  meta.append(chain);
  li.append(head, meta);
  return li;
}

// Finding schools in a long roll-up: by a part of the name, by status, or both. Hides the
// cards that do not match and the groups left empty; the subtotals stay the whole group's.
function filterForm(section, root, rows, words) {
  const form = el('form', 'filter-form');
  form.noValidate = true;
  form.setAttribute('role', 'search');
  const nameLabel = el('label', '', t('find_school'));
  nameLabel.htmlFor = `find-${root}`;
  const name = el('input');
  name.id = nameLabel.htmlFor;
  name.type = 'search';
  const statusLabel = el('label', '', t('report_status'));
  statusLabel.htmlFor = `status-${root}`;
  const status = el('select');
  status.id = statusLabel.htmlFor;
  status.append(new Option(t('all_statuses'), ''));
  for (const s of STATUSES) {
    if (rows.some((r) => r.status === s)) status.append(new Option(words.get(s) || s, s));
  }
  const apply = () => {
    const part = name.value.trim().toLowerCase();
    for (const group of section.querySelectorAll('.district')) {
      let shown = 0;
      for (const card of group.querySelectorAll('li.school')) {
        const hit = (!part || card.dataset.name.toLowerCase().includes(part) || card.dataset.org.includes(part)) &&
          (!status.value || card.dataset.status === status.value);
        card.hidden = !hit;
        if (hit) shown += 1;
      }
      group.hidden = shown === 0;
    }
  };
  name.addEventListener('input', apply);
  status.addEventListener('change', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.append(nameLabel, name, statusLabel, status);
  return form;
}

// The roll-up of `root`'s schools for `term`, grouped under each school's parent.
async function rollupOf(root, term, orgs) {
  const base = `/api/reports/${REPORT}/${encodeURIComponent(root)}/${encodeURIComponent(term)}/rollup`;
  const { json: doc } = await call('GET', `${base}?format=json`);
  const table = doc.sections.find((s) => s.id === 'orgs').tables[0];
  const statusTable = doc.sections.find((s) => s.id === 'statuses').tables[0];
  const words = new Map(statusTable.rows.map((r) => [cellValue(r[0]), cellText(r[0])]));
  const col = (id) => table.columns.findIndex((c) => c.id === id);
  const [orgCol, statusCol, findingsCol] = [col('org'), col('status'), col('findings')];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const rows = table.rows.filter((r) => cellValue(r[orgCol]) !== 'total').map((r) => ({
    org: cellValue(r[orgCol]),
    name: cellText(r[orgCol]),
    status: cellValue(r[statusCol]),
    statusText: cellText(r[statusCol]),
    findings: cellValue(r[findingsCol]) ?? 0,
  }));

  const section = el('section', 'rollup');
  section.dataset.org = root;
  const title = pick(byId.get(root)?.name, root);
  section.append(el('h2', '', title));
  // The files in the page's language (a link sends no Accept-Language of the page's).
  const exports = el('p', 'exports');
  for (const format of ['csv', 'xlsx']) {
    const a = el('a', `export-${format}`, t(`export_rollup_${format}`));
    a.href = `${base}?format=${format}&lang=${currentLang() === 'en' ? 'en' : 'zh'}`;
    a.download = `${REPORT}-rollup-${root}-${term}.${format}`;
    exports.append(a);
  }
  section.append(exports, subtotals(rows, words, 'subtotals total-line', 'total_all'));
  // Each group: the schools whose parent is the same organization (a district), in the
  // roll-up's order; the schools right below the supervised organization first.
  const groups = new Map();
  for (const r of rows) {
    const parent = byId.get(r.org)?.parent || root;
    if (!groups.has(parent)) groups.set(parent, []);
    groups.get(parent).push(r);
  }
  const ordered = [...groups].sort(([a], [b]) => (a === root ? -1 : b === root ? 1 : a.localeCompare(b)));
  if (rows.length > 1) section.append(filterForm(section, root, rows, words));
  for (const [parent, members] of ordered) {
    const group = el('div', 'district');
    group.dataset.org = parent;
    const heading = parent === root ? t('directly_below') : pick(byId.get(parent)?.name, parent);
    group.append(el('h3', '', heading), subtotals(members, words, 'subtotals', 'subtotal'));
    const list = el('ul', 'tasks');
    list.append(...members.map((r) => schoolCard(r, term)));
    group.append(list);
    section.append(group);
  }
  if (rows.length === 0) section.append(el('p', 'muted', pick(table.empty, '—')));
  const full = el('details', 'rollup-table');
  full.append(el('summary', '', t('rollup_table')), reportTable(table, tf('rollup_of', { org: title })));
  section.append(full);
  return section;
}

async function renderRollups(me, root, term, current) {
  const { json: orgs } = await call('GET', '/api/orgs');
  const supervisedOrgs = supervised(me);
  const parts = [el('h1', '', t('supervision'))];
  if (supervisedOrgs.length === 0) {
    parts.push(el('p', '', t('no_supervised')));
    if (current()) root.replaceChildren(...parts);
    return;
  }
  const chosen = term || (await defaultTerm(orgs, supervisedOrgs[0]));
  parts.push(termForm(chosen));
  if (!current()) return;
  root.replaceChildren(...parts);
  if (!chosen) return;
  const rollups = [];
  for (const org of supervisedOrgs) rollups.push(await rollupOf(org, chosen, orgs));
  if (!current()) return;
  root.append(...rollups);
  remember(chosen);  // a term the API answered for
}

let renders = 0;

// Fills `root` with the roll-ups for `term` (the remembered or a found one when empty), or
// with one school when `org` is given. Only the latest rendering fills `root`: one started
// earlier (the address changed while its answers were on their way) shows nothing, so two
// never fill the page side by side.

export async function renderSupervision(me, root, term, org) {
  const mine = ++renders;
  const current = () => mine === renders;
  if (org && term) await renderSchool(me, root, term, org, current);
  else await renderRollups(me, root, term, current);
}
