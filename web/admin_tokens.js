// API 令牌 (API tokens), on the administrator's page: the tokens the API lists
// (GET /api/tokens), each active one with 撤销 (DELETE /api/tokens/ID); a new one for a person
// the caller may manage, in an organization where that person holds a role or below one,
// read or act, for 1 to 366 days (POST /api/tokens), its secret shown once. The API's
// refusal (a scope, a number of days, an organization where the person has no role) is shown
// in its words.
import { el, errorLine } from './act.js';
import { ApiError, call } from './api.js';
import { pick, t, tf, withId } from './labels.js';

const words = (e) => (e instanceof ApiError ? e.message : String(e));

function field(form, control, key) {
  const label = el('label', '', t(key));
  label.htmlFor = control.id;
  form.append(label, control);
  return control;
}

function select(id, options) {
  const s = el('select');
  s.id = id;
  for (const [value, text] of options) {
    const o = el('option', '', text);
    o.value = value;
    s.append(o);
  }
  return s;
}

// The secret, shown once, with a copy button.
function secretBox(json) {
  const box = el('div', 'invite-link token-secret');
  const input = el('input');
  input.id = `token-secret-${json.id}`;
  input.readOnly = true;
  input.value = json.token;
  const label = el('label', '', tf('token_secret', { id: json.id }));
  label.htmlFor = input.id;
  const copy = el('button', '', t('copy'));
  copy.type = 'button';
  const status = el('span', 'muted', '');
  status.setAttribute('aria-live', 'polite');
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(json.token);
      status.textContent = t('copied');
    } catch {
      status.textContent = t('copy_by_hand');
    }
  });
  box.append(label, input, copy, status);
  return box;
}

function tokenTable(tokens, people, orgs, refresh) {
  const wrap = el('div', 'table-wrap');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', t('tokens_title'));
  const table = el('table', 'report-table people-table tokens-table');
  const head = el('tr');
  for (const key of ['token_id', 'person_column', 'org', 'token_scope', 'token_expires', 'state']) head.append(el('th', '', t(key)));
  table.append(el('thead'), el('tbody'));
  table.tHead.append(head);
  const now = new Date().toISOString();
  for (const tok of tokens) {
    const row = el('tr');
    row.dataset.token = tok.id;
    const person = people.get(tok.person);
    const state = el('td', 'account-cell');
    const active = !tok.revoked_at && tok.expires_at > now;
    state.append(el('span', 'token-state', tok.revoked_at ? tf('token_revoked', { at: tok.revoked_at }) : active ? t('token_active') : t('token_expired')));
    if (active) {
      const revoke = el('button', '', t('revoke'));
      revoke.type = 'button';
      const error = errorLine();
      revoke.addEventListener('click', async () => {
        error.hidden = true;
        try {
          await call('DELETE', `/api/tokens/${encodeURIComponent(tok.id)}`);
          await refresh();
        } catch (e) {
          error.textContent = words(e);
          error.hidden = false;
        }
      });
      state.append(revoke, error);
    }
    row.append(el('td', '', tok.id), el('td', '', person ? withId(pick(person.name, tok.person), tok.person) : tok.person),
      el('td', '', pick(orgs.get(tok.org)?.name, tok.org)), el('td', '', t(`scope_${tok.scope}`, tok.scope)),
      el('td', '', tok.expires_at), state);
    table.tBodies[0].append(row);
  }
  wrap.append(table);
  return wrap;
}

// The section; `managed` the people (from GET /api/people) the caller may make tokens for.
export async function tokensSection(managed, orgList) {
  const section = el('section', 'tokens');
  const people = new Map(managed.map((p) => [p.id, p]));
  const orgs = new Map(orgList.map((o) => [o.id, o]));
  const list = el('div', 'token-list');
  const refresh = async () => {
    const { json } = await call('GET', '/api/tokens');
    list.replaceChildren(json.length > 0 ? tokenTable(json, people, orgs, refresh) : el('p', 'muted', t('no_tokens')));
  };

  const form = el('form', 'token-form');
  form.noValidate = true;
  const person = field(form, select('token-person', managed.map((p) => [p.id, withId(pick(p.name, p.id), p.id)])), 'token_person');
  const org = field(form, select('token-org', []), 'org');
  const scope = field(form, select('token-scope', [['read', t('scope_read')], ['act', t('scope_act')]]), 'token_scope');
  const days = el('input');
  days.id = 'token-days';
  days.type = 'number';
  days.min = '1';
  days.max = '366';
  days.value = '90';
  field(form, days, 'token_days');
  const create = el('button', 'primary', t('token_create'));
  create.type = 'submit';
  const error = errorLine();
  const issued = el('div', 'token-issued');
  form.append(create, error);
  // The organizations where the chosen person holds a role, and those below them.
  const orgsOf = () => {
    const p = people.get(person.value);
    const inside = new Set((p ? p.roles : []).map((r) => r.org));
    for (let grew = true; grew;) {
      grew = false;
      for (const o of orgList) {
        if (o.parent && inside.has(o.parent) && !inside.has(o.id)) {
          inside.add(o.id);
          grew = true;
        }
      }
    }
    org.replaceChildren(...orgList.filter((o) => inside.has(o.id)).map((o) => {
      const option = el('option', '', pick(o.name, o.id));
      option.value = o.id;
      return option;
    }));
  };
  person.addEventListener('change', orgsOf);
  orgsOf();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    issued.replaceChildren();
    try {
      const { json } = await call('POST', '/api/tokens', {
        body: { person: person.value, org: org.value, scope: scope.value, days: Number(days.value) },
      });
      issued.append(secretBox(json));
      await refresh();
      issued.querySelector('input').focus();
    } catch (e) {
      error.textContent = words(e);
      error.hidden = false;
    }
  });
  await refresh();
  section.append(el('h2', '', t('tokens_title')), el('p', 'muted', t('tokens_hint')), form, issued, list);
  return section;
}
