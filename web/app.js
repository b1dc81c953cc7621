// The pages' entry: sign-in when no session answers, else the page the address names
// (#tasks, #meetings, #meeting/ID, #my-meetings, #decisions, #temporary,
// #supervision[/TERM[/ORG]], #admin, #secretary), by default the roll-up
// for a supervisor, the meetings for a clerk or a secretary and my tasks for everyone else;
// on /invite#token=… the invitation's page, where the person sets a password.
import { administers, renderAdmin } from './admin.js';
import { ApiError, call, setCsrf } from './api.js';
import { renderDecisions } from './decisions.js';
import { invitationToken, startInvitation } from './invitation.js';
import { currentLang, setLang, t } from './labels.js';
import { keepsMeetings, renderMeetings } from './meetings.js';
import { bodiesOf, renderMyMeetings } from './my_meetings.js';
import { renderSecretary, secretaryOrgs } from './secretary.js';
import { renderSupervision, supervised } from './supervision.js';
import { renderTasks } from './tasks.js';
import { recordsTemporary, renderTemporary } from './temporary.js';

// Who sees the links to the principal's pages (the API lets any reader of the organization
// list these items; the links are for those whose work they are): the decisions for the
// principal, the vice principals and the secretaries; the temporary actions for those who
// record or explain one (workflows/temporary-action.yaml).
const DECIDES = new Set(['principal', 'vice_principal', 'secretary', 'deputy_secretary']);
const EXPLAINS = new Set(['clerk']);
const holds = (roles) => (me?.roles || []).some((r) => roles.has(r.role));

const $ = (id) => document.getElementById(id);
let me = null;
let shownAddress = null;  // the address (hash) whose page was rendered last

// Every element with data-label shows its label in the current language.
function applyLabels() {
  document.documentElement.lang = currentLang() === 'en' ? 'en' : 'zh-CN';
  for (const el of document.querySelectorAll('[data-label]')) el.textContent = t(el.dataset.label);
  $('lang-switch').textContent = t('switch_lang');
  $('who').textContent = me ? t('signed_in_as') + me.person : '';
}

function show(view) {
  $('sign-in').hidden = view !== 'sign-in';
  $('tasks-page').hidden = view !== 'tasks';
  $('meetings').hidden = view !== 'meetings';
  $('supervision').hidden = view !== 'supervision';
  $('admin').hidden = view !== 'admin';
  $('decisions').hidden = view !== 'decisions';
  $('temporary').hidden = view !== 'temporary';
  $('my-meetings').hidden = view !== 'my-meetings';
  $('secretary').hidden = view !== 'secretary';
  $('invitation').hidden = view !== 'invitation';
  const outside = view === 'sign-in' || view === 'invitation';
  $('nav').hidden = outside;
  $('nav-supervision').hidden = !me || supervised(me).length === 0;
  $('nav-admin').hidden = !me || administers(me).length === 0;
  $('nav-decisions').hidden = !holds(DECIDES);
  $('nav-temporary').hidden = !me || !(recordsTemporary(me) || holds(EXPLAINS));
  $('nav-my-meetings').hidden = !me || !me.member;
  $('nav-secretary').hidden = !me || secretaryOrgs(me).length === 0;
  $('sign-out').hidden = outside;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.id === `nav-${view}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function showError(el, message) {
  el.textContent = message;
  el.hidden = !message;
}

// The page the address names: [view, meeting id or null, term, organization].
function route() {
  const hash = window.location.hash.replace(/^#/, '');
  const meeting = /^meeting\/(\d+)$/.exec(hash);
  if (meeting) return ['meetings', meeting[1]];
  const supervision = /^supervision(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(hash);
  if (supervision) return ['supervision', null, ...supervision.slice(1).map((p) => (p ? decodeURIComponent(p) : ''))];
  if (['meetings', 'tasks', 'admin', 'decisions', 'temporary', 'my-meetings', 'secretary'].includes(hash)) return [hash, null];
  if (supervised(me).length > 0) return ['supervision', null, '', ''];
  return [keepsMeetings(me) ? 'meetings' : 'tasks', null];
}

async function home() {
  if (!me) return;
  if (me.member === undefined) {  // whether a body lists the person: the 我的会议 link
    try {
      const orgIds = [...new Set((me.roles || []).map((r) => r.org))];  // the person's organizations only
      const { json } = await call('GET', `/api/orgs?org=${orgIds.map(encodeURIComponent).join(',')}`);
      me.member = bodiesOf(json, me.person).length > 0;
    } catch {
      me.member = false;
    }
  }
  const [view, id, term, org] = route();
  // A page reached from another address starts empty: never the rendering of an earlier
  // visit, clickable until the new one replaces it (re-rendering the same address, after an
  // action or a language switch, keeps what is shown until the new rendering is ready).
  const address = window.location.hash;
  if (address !== shownAddress) {
    $(view === 'tasks' ? 'tasks' : `${view}-root`)?.replaceChildren();
    if (view === 'tasks') $('tasks-empty').hidden = true;
  }
  shownAddress = address;
  show(view);
  applyLabels();
  const error = $(`${view}-error`);
  showError(error, '');
  try {
    if (view === 'tasks') await renderTasks(me, $('tasks'), $('tasks-empty'));
    else if (view === 'supervision') await renderSupervision(me, $('supervision-root'), term, org);
    else if (view === 'admin') await renderAdmin(me, $('admin-root'));
    else if (view === 'decisions') await renderDecisions(me, $('decisions-root'));
    else if (view === 'temporary') await renderTemporary(me, $('temporary-root'));
    else if (view === 'my-meetings') await renderMyMeetings(me, $('my-meetings-root'));
    else if (view === 'secretary') await renderSecretary(me, $('secretary-root'));
    else await renderMeetings(me, $('meetings-root'), id);
  } catch (e) {
    showError(error, e instanceof ApiError ? e.message : String(e));
  }
}

// The sign-in page; `person` filled in and `note` shown when given.
function signInPage(person = '', note = '') {
  me = null;
  shownAddress = null;  // the next person's pages start empty
  setCsrf('');
  show('sign-in');
  applyLabels();
  $('person').value = person;
  $('sign-in-note').textContent = note;
  $('sign-in-note').hidden = !note;
  $(person ? 'password' : 'person').focus();
}

// The invitation's page; once the password is set, home signed in (the address loses the
// token), or the sign-in page with the person's id.
function invitationPage(token) {
  show('invitation');
  applyLabels();
  startInvitation(token, async (person, session) => {
    window.history.replaceState(null, '', '/');
    if (!session) {
      signInPage(person, t('password_set_sign_in'));
      return;
    }
    setCsrf(session.csrf);
    const { json } = await call('GET', '/api/session');
    me = { ...json, csrf: session.csrf };
    await home();
  });
}

async function signIn(event) {
  event.preventDefault();
  showError($('sign-in-error'), '');
  $('sign-in-note').hidden = true;
  const person = $('person').value.trim();
  const password = $('password').value;
  try {
    const { json } = await call('POST', '/api/session', { body: { person, password } });
    setCsrf(json.csrf);
    $('password').value = '';
    const session = await call('GET', '/api/session');
    me = { ...session.json, csrf: json.csrf };
    await home();
  } catch (e) {
    showError($('sign-in-error'), e instanceof ApiError ? e.message : String(e));
  }
}

async function signOut() {
  try {
    await call('DELETE', '/api/session');
  } catch {
    // Signed out already (the session ended): the sign-in page is right either way.
  }
  signInPage();
}

async function start() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', () => {
    window.scrollTo(0, 0);
    home();
  });
  $('lang-switch').addEventListener('click', () => {
    setLang(currentLang() === 'en' ? 'zh' : 'en');
    if (me) home();
    else applyLabels();
  });
  applyLabels();
  const token = invitationToken();
  if (token !== null) {
    invitationPage(token);
    return;
  }
  try {
    const { json } = await call('GET', '/api/session');
    me = json;
    setCsrf(json.csrf);
    await home();
  } catch {
    signInPage();
  }
}

start();
