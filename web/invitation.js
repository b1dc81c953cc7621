// 设置密码 (set a password): the page an invitation's link opens (/invite#token=…, built by
// POST /api/invitations and `docket user invite`). The person types a new password twice
// (the page checks only that both agree); POST /api/invitations/accept refuses a weak one in
// the strength rule's words, or a used or expired link; once it is set the person is signed
// in with it (POST /api/session), or, should that fail, sent to sign in.
import { ApiError, call } from './api.js';
import { t } from './labels.js';

const $ = (id) => document.getElementById(id);

// The token of the invitation the address carries: null off /invite, '' when it has none.
export function invitationToken() {
  if (window.location.pathname !== '/invite') return null;
  const m = /(?:^#|&)token=([0-9A-Fa-f]+)/.exec(window.location.hash);
  return m ? m[1] : '';
}

function refuse(message) {
  const error = $('invitation-error');
  error.textContent = message;
  error.hidden = !message;
}

// Wires the form (index.html's #invitation); `signedIn(person, session)` is called with the
// new session's answer, or with null when signing in failed (the person signs in by hand).
export function startInvitation(token, signedIn) {
  const form = $('invitation-form');
  refuse(token ? '' : t('invitation_no_token'));
  $('new-password').focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    refuse('');
    const password = $('new-password').value;
    if (password !== $('new-password-again').value) {
      refuse(t('passwords_differ'));
      return;
    }
    let person;
    try {
      ({ json: { person } } = await call('POST', '/api/invitations/accept', { body: { token, password } }));
    } catch (e) {
      refuse(e instanceof ApiError ? e.message : String(e));
      return;
    }
    form.reset();
    try {
      const { json } = await call('POST', '/api/session', { body: { person, password } });
      await signedIn(person, json);
    } catch {
      await signedIn(person, null);
    }
  });
}
