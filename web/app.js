// The pages' entry: sign-in when no session answers, else the page the address names
// (#tasks, #meetings, #meeting/ID, #supervision[/TERM[/ORG]]), by default the roll-up for a
// supervisor, the meetings for a clerk or a secretary and my tasks for everyone else.
import { ApiError, call, setCsrf } from './api.js';
import { currentLang, setLang, t } from './labels.js';
import { keepsMeetings, renderMeetings } from './meetings.js';
import { renderSupervision, supervised } from './supervision.js';
import { renderTasks } from './tasks.js';

const $ = (id) => document.getElementById(id);
let me = null;

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
  $('nav').hidden = view === 'sign-in';
  $('nav-supervision').hidden = !me || supervised(me).length === 0;
  $('sign-out').hidden = view === 'sign-in';
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
  if (hash === 'meetings' || hash === 'tasks') return [hash, null];
  if (supervised(me).length > 0) return ['supervision', null, '', ''];
  return [keepsMeetings(me) ? 'meetings' : 'tasks', null];
}

async function home() {
  if (!me) return;
  const [view, id, term, org] = route();
  show(view);
  applyLabels();
  const error = $(`${view}-error`);
  showError(error, '');
  try {
    if (view === 'tasks') await renderTasks(me, $('tasks'), $('tasks-empty'));
    else if (view === 'supervision') await renderSupervision(me, $('supervision-root'), term, org);
    else await renderMeetings(me, $('meetings-root'), id);
  } catch (e) {
    showError(error, e instanceof ApiError ? e.message : String(e));
  }
}

function signInPage() {
  me = null;
  setCsrf('');
  show('sign-in');
  applyLabels();
  $('person').focus();
}

async function signIn(event) {
  event.preventDefault();
  showError($('sign-in-error'), '');
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
