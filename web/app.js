// The pages' entry: sign-in when no session answers, else the home page (my tasks).
import { ApiError, call, setCsrf } from './api.js';
import { currentLang, setLang, t } from './labels.js';
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
  $('home').hidden = view !== 'home';
  $('sign-out').hidden = view !== 'home';
}

function showError(el, message) {
  el.textContent = message;
  el.hidden = !message;
}

async function home() {
  show('home');
  applyLabels();
  showError($('tasks-error'), '');
  try {
    await renderTasks(me, $('tasks'), $('tasks-empty'));
  } catch (e) {
    showError($('tasks-error'), e instanceof ApiError ? e.message : String(e));
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
