// 系统管理 (administration, #admin), the administrator's page: load an organization file,
// a workflow, a decision-matter table, the calendar or a report definition (admin_load.js);
// who may do what — one table per organization of its people, their roles there and whether
// they have an account — and an invitation for a person without one. The API decides: the
// page opens with GET /api/accounts, which only an administrator may read (its refusal's
// words are shown, and nothing else), and offers 邀请 only for a person whose every role is
// in an organization at or below one where the caller holds admin (as POST /api/invitations
// checks).
import { el, errorLine } from './act.js';
import { ApiError, call } from './api.js';
import { listed, pick, t, tf, withId } from './labels.js';
import { loadSection } from './admin_load.js';
import { tokensSection } from './admin_tokens.js';

// The organizations where the person holds the role admin.
export function administers(me) {
  return [...new Set((me.roles || []).filter((r) => r.role === 'admin').map((r) => r.org))];
}

// The organizations at or below those in `roots`.
function below(orgs, roots) {
  const inside = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const o of orgs) {
      if (o.parent && inside.has(o.parent) && !inside.has(o.id)) {
        inside.add(o.id);
        grew = true;
      }
    }
  }
  return inside;
}

// The organizations in tree order: each followed by those below it.
function treeOrder(orgs) {
  const ids = new Set(orgs.map((o) => o.id));
  const out = [];
  const visit = (parent) => {
    for (const o of orgs.filter((x) => (x.parent && ids.has(x.parent) ? x.parent : null) === parent)) {
      out.push(o);
      visit(o.id);
    }
  };
  visit(null);
  return out;
}

function accountText(account) {
  if (!account) return t('account_none');
  if (account.has_password) return t('account_password');
  if (account.open_invitations > 0) return t('account_invited');
  return t('account_none');
}

// The invitation's link, shown once (the API keeps only its hash), with a copy button.
function linkBox(person, json) {
  const box = el('div', 'invite-link');
  const id = `invite-link-${person}`;
  const label = el('label', '', tf('invite_link', { person }));
  label.htmlFor = id;
  const input = el('input');
  input.id = id;
  input.readOnly = true;
  input.value = json.link;
  const copy = el('button', '', t('copy'));
  copy.type = 'button';
  const status = el('span', 'muted', tf('invite_expires', { at: json.expires_at }));
  status.setAttribute('aria-live', 'polite');
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(json.link);
      status.textContent = t('copied');
    } catch {
      status.textContent = t('copy_by_hand');  // a browser that denies the clipboard: the text is selected
    }
  });
  box.append(label, input, copy, status);
  return box;
}

// 邀请 in `cell`; the link, once issued, in a row of its own under `row` (the whole table's
// width, so a phone shows it whole), the button gone.
function inviteButton(person, cell, row, columns) {
  const button = el('button', '', t('invite'));
  button.type = 'button';
  button.dataset.invite = person.id;
  const error = errorLine();
  button.addEventListener('click', async () => {
    error.hidden = true;
    try {
      const { json } = await call('POST', '/api/invitations', { body: { person: person.id } });
      button.remove();
      const under = el('tr', 'invite-row');
      const wide = el('td');
      wide.colSpan = columns;
      wide.append(linkBox(person.id, json));
      under.append(wide);
      row.after(under);
      under.querySelector('input').focus();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : String(e);
      error.hidden = false;
    }
  });
  cell.append(button, error);
}

function orgTable(org, people, accounts, mayInvite) {
  const section = el('section', 'org-people');
  section.dataset.org = org.id;
  const title = withId(pick(org.name, org.id), org.id);
  section.append(el('h3', '', title));
  const members = people.filter((p) => p.roles.some((r) => r.org === org.id));
  if (members.length === 0) {
    section.append(el('p', 'muted', t('no_people')));
    return section;
  }
  const wrap = el('div', 'table-wrap');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', title);
  const table = el('table', 'report-table people-table');
  const head = el('tr');
  const columns = ['person_column', 'roles', 'account'];
  for (const key of columns) head.append(el('th', '', t(key)));
  table.append(el('thead'), el('tbody'));
  table.tHead.append(head);
  for (const p of members) {
    const row = el('tr');
    row.dataset.person = p.id;
    const roles = p.roles.filter((r) => r.org === org.id).map((r) => t(`role_${r.role}`, r.role));
    const account = accounts.get(p.id);
    const who = el('td', 'person-cell');
    who.append(el('span', 'person-name', pick(p.name, p.id)), el('span', 'person-id', p.id));
    const state = el('td', 'account-cell');
    state.append(el('span', 'account', accountText(account)));
    row.append(who, el('td', '', listed(roles)), state);
    if (!(account && account.has_password) && mayInvite(p)) inviteButton(p, state, row, columns.length);
    table.tBodies[0].append(row);
  }
  wrap.append(table);
  section.append(wrap);
  return section;
}

// 人员与权限 and API 令牌, as the API answers now; throws the API's refusal when the person
// may not administer.
async function directory(me) {
  const { json: accountList } = await call('GET', '/api/accounts');
  const [{ json: people }, { json: orgs }] = await Promise.all([call('GET', '/api/people'), call('GET', '/api/orgs')]);
  const accounts = new Map(accountList.map((a) => [a.person, a]));
  const scope = below(orgs, administers(me));
  const manages = (p) => p.roles.length > 0 && p.roles.every((r) => scope.has(r.org));
  const who = el('section', 'who-may');
  who.append(el('h2', '', t('who_may')), el('p', 'muted', t('who_may_hint')));
  for (const org of treeOrder(orgs)) who.append(orgTable(org, people, accounts, manages));
  const tokens = await tokensSection(people.filter((p) => p.id === me.person || manages(p)), treeOrder(orgs));
  const part = el('div', 'directory');
  part.append(who, tokens);
  return part;
}

// Fills `root` with the page; throws the API's refusal when the person may not administer.
// After an organization file is loaded, the people and the tokens are asked again.
export async function renderAdmin(me, root) {
  root.replaceChildren();
  let part = await directory(me);
  const { json: orgs } = await call('GET', '/api/orgs');
  const again = async () => {
    const fresh = await directory(me);
    part.replaceWith(fresh);
    part = fresh;
  };
  root.append(loadSection(again, treeOrder(orgs).map((o) => ({ id: o.id, name: withId(pick(o.name, o.id), o.id) }))), part);
}
