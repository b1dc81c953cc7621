// A report document (docs/REPORTS.md, "json": the API's ?format=json) shown in the page: a
// heading per section, a table per table, every cell in the current language. The same
// renderer shows a school's submitted report and the supervisor's roll-up table; the report's
// statuses and their lights are here too, for the roll-up (supervision.js) and one school
// (school.js) alike.
import { el } from './act.js';
import { pick } from './labels.js';

// The report the roll-up is of (workflows/reports/semester.yaml).
export const REPORT = 'semester';

// The statuses of docs/REPORTS.md ("The roll-up and review") in the roll-up's order, and the
// light each shows: red while late, amber while the school or the supervisor has to act,
// green when accepted, none before a report is opened.
export const STATUSES = ['not_opened', 'draft', 'late', 'submitted', 'returned', 'accepted'];
const LIGHTS = { late: 'red', draft: 'amber', submitted: 'amber', returned: 'amber', accepted: 'green' };

// A status's light, named by its words for a screen reader.
export function statusLight(status, text) {
  const light = el('span', 'light');
  const color = LIGHTS[status];
  if (color) light.classList.add(color);
  light.dataset.light = color || 'none';
  light.setAttribute('role', 'img');
  light.setAttribute('aria-label', text);
  return light;
}

// A cell's text: its labels in the current language, else its raw value ("—" when none).
export function cellText(cell) {
  if (cell !== null && typeof cell === 'object' && !Array.isArray(cell)) {
    const shown = pick(cell, '');
    if (shown) return shown;
    cell = cell.value;
  }
  if (cell === null || cell === undefined || cell === '') return '—';
  return Array.isArray(cell) ? cell.join('/') : String(cell);
}

// A cell's raw value (an organization's id, a status, a count).
export function cellValue(cell) {
  return cell !== null && typeof cell === 'object' && !Array.isArray(cell) ? cell.value : cell;
}

// One table, in a region that scrolls sideways on a phone (focusable, so the keyboard
// scrolls it too).
export function reportTable(table, caption, withCaption = true) {
  const wrap = el('div', 'table-wrap');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', caption);
  if (table.rows.length === 0) {
    wrap.append(el('p', 'muted', pick(table.empty, '—')));
    return wrap;
  }
  const t = el('table', 'report-table');
  if (withCaption) t.append(el('caption', '', caption));
  const head = el('tr');
  for (const c of table.columns) {
    const th = el('th', c.number ? 'num' : '', pick(c.labels, c.id));
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  table.rows.forEach((row, i) => {
    const tr = el('tr', table.total && i === table.rows.length - 1 ? 'total' : '');
    row.forEach((cell, j) => tr.append(el('td', table.columns[j].number ? 'num' : '', cellText(cell))));
    body.append(tr);
  });
  t.append(thead, body);
  wrap.append(t);
  return wrap;
}

// The whole document: its title, term and time of generation, then each section.
export function reportDocument(doc) {
  const box = el('div', 'report-doc');
  box.append(el('h3', '', `${pick(doc.labels, doc.report)} · ${pick(doc.org?.name, doc.org?.id)} · ${pick(doc.term?.labels, doc.term?.id)}`));
  if (doc.generated_at) box.append(el('p', 'muted', doc.generated_at.replace('T', ' ').replace(/Z$/, ' UTC').replace(/([+-]\d\d:\d\d)$/, ' $1')));
  for (const section of doc.sections || []) {
    const title = pick(section.labels, section.id);
    box.append(el('h4', '', title));
    for (const table of section.tables) {
      const own = pick(table.labels, '');
      box.append(reportTable(table, own || title, Boolean(own) && own !== title));
    }
  }
  return box;
}
