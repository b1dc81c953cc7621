// A list that can grow long, a page at a time (GET /api/items with q, limit and after: the
// newest items first, X-Next-Cursor naming the next page): a search box (搜索 / Search) that
// asks the server for the items with the text in a field, a "更多 / More" button that adds
// the next page, and a status line a screen reader reads out (aria-live) with how many are
// shown. One helper for every list page (tasks.js, decisions.js, meetings.js): the page says
// where its items come from, which it keeps and how it draws them.
import { el } from './act.js';
import { call } from './api.js';
import { t, tf } from './labels.js';

export const PAGE_SIZE_KEY = 'docket.page_size';

// Items per page: 50, or the number kept under PAGE_SIZE_KEY (1 to 500; the browser tests
// set a small one to see "更多" at work on a few items).
export function pageSize() {
  try {
    const n = Number(localStorage.getItem(PAGE_SIZE_KEY));
    if (Number.isInteger(n) && n >= 1 && n <= 500) return n;
  } catch {
    // no storage: the default
  }
  return 50;
}

// `name`: the list's name (ids: NAME-search, NAME-status, NAME-more); `sources`: the
// /api/items?org=...&workflow=... addresses it reads (one per organization), each paged on
// its own; `keep(item)`: whether an item of a page is shown; `draw(items, more)`: shows every
// item loaded so far (async allowed: the page sorts and groups them), `more` whether pages are
// left to load. Returns the controls to
// place — `top` (the search box and the status line, above the list) and `bottom` (the More
// button, below it) — and `start()`, which loads the first page (of the search an earlier
// list of the same name had, so that redrawing after an action or a language switch keeps it).
export function pagedList({ name, sources, keep = () => true, draw }) {
  const earlier = document.getElementById(`${name}-search`);
  const input = document.createElement('input');
  input.type = 'search';
  input.id = `${name}-search`;
  input.name = 'q';
  input.autocomplete = 'off';
  input.enterKeyHint = 'search';
  input.value = earlier ? earlier.value : '';
  const label = el('label', 'search-label', t('search'));
  label.htmlFor = input.id;
  const go = el('button', '', t('search'));
  go.type = 'submit';
  const form = el('form', 'search-box');
  form.setAttribute('role', 'search');
  form.append(label, input, go);
  const status = el('p', 'list-status');
  status.id = `${name}-status`;
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.tabIndex = -1;
  const top = el('div', 'paged-top');
  top.append(form, status);
  const more = el('button', 'more', t('more'));
  more.type = 'button';
  more.id = `${name}-more`;
  more.hidden = true;
  const bottom = el('div', 'paged-bottom');
  bottom.append(more);

  let query = '';
  let cursors = [];  // per source: the next page's `after`, '' for the first, null when done
  let loaded = [];
  let run = 0;  // a newer search makes an older one's late answers moot

  async function load() {
    const mine = run;
    const size = pageSize();
    const pages = await Promise.all(sources.map((source, i) => {
      if (cursors[i] === null) return null;
      let path = `${source}&limit=${size}`;
      if (query) path += `&q=${encodeURIComponent(query)}`;
      if (cursors[i]) path += `&after=${encodeURIComponent(cursors[i])}`;
      return call('GET', path);
    }));
    if (mine !== run) return;
    pages.forEach((page, i) => {
      if (!page) return;
      loaded.push(...page.json.filter(keep));
      cursors[i] = page.next || null;
    });
    const left = cursors.some((c) => c !== null);
    await draw(loaded, left);
    more.hidden = !left;
    const shown = query ? tf('search_shown', { n: loaded.length, q: query }) : tf('list_shown', { n: loaded.length });
    status.textContent = left ? `${shown}${t('list_more_left')}` : shown;
  }

  async function start() {
    run += 1;
    query = input.value.trim();
    cursors = sources.map(() => '');
    loaded = [];
    more.hidden = true;
    await load();
  }

  // A refusal or a lost connection while searching or loading more: its words in the status.
  const failed = (error) => {
    status.textContent = error.message;
  };
  let typing;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    start().catch(failed);
  });
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => start().catch(failed), 400);
  });
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await load();
    } catch (error) {
      failed(error);
    } finally {
      more.disabled = false;
    }
    if (more.hidden) status.focus();  // the button went away under the keyboard's focus
  });
  return { top, bottom, start };
}
