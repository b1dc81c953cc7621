// The API as one person, outside the page (Playwright's request context): for a spec that
// makes the items it needs itself. `as(person)` signs in with the password run.sh set and
// returns call(method, path, data?, headers?) → the parsed JSON, throwing on a refusal.
import { request } from '@playwright/test';
import { PASSWORD } from './fixtures.mjs';

export async function as(person) {
  const ctx = await request.newContext({ baseURL: process.env.DOCKET_URL });
  const signedIn = await ctx.post('/api/session', { data: { person, password: PASSWORD } });
  if (!signedIn.ok()) throw new Error(`sign-in of ${person}: ${signedIn.status()} ${await signedIn.text()}`);
  const { csrf } = await signedIn.json();
  const call = async (method, path, data, headers = {}) => {
    const res = await ctx.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf, ...headers } });
    if (!res.ok()) throw new Error(`${person}: ${method} ${path}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  call.dispose = () => ctx.dispose();
  return call;
}

// A matter in school-a created and submitted by the clerk `call` signs in as; its id.
export async function submittedMatter(call, fields) {
  const { item } = await call('POST', '/api/items', { workflow: 'matter', org: 'school-a', fields });
  await call('POST', `/api/items/${item.id}/actions/submit`, {});
  return item.id;
}
