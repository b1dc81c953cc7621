// The JSON API (schemas/openapi.json) as the pages use it: the session's CSRF token on every
// change, the chosen language in Accept-Language, and a refusal's words from problem+json.
import { currentLang, t } from './labels.js';

let csrf = '';

export function setCsrf(token) {
  csrf = token || '';
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// The parsed body of METHOD PATH (`body` sent as JSON, `yaml` as the text it is, or `file`,
// a File, as its bytes); an ApiError with the problem's words when refused.
export async function call(method, path, { body, yaml, file, headers = {} } = {}) {
  const h = { 'Accept-Language': currentLang() === 'en' ? 'en' : 'zh-CN', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (yaml !== undefined) h['Content-Type'] = 'application/yaml; charset=utf-8';
  if (file !== undefined) h['Content-Type'] = file.type || 'application/octet-stream';
  const sent = file !== undefined ? file : yaml !== undefined ? yaml : body === undefined ? undefined : JSON.stringify(body);
  if (method !== 'GET' && csrf) h['X-CSRF-Token'] = csrf;
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: sent, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, t('error_network'));
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const words = json && (json.detail || json.title);
    throw new ApiError(res.status, words || `HTTP ${res.status}`);
  }
  // A page of a list (GET /api/items with q, limit or after): the next page's cursor, or null.
  return { json, etag: res.headers.get('ETag'), next: res.headers.get('X-Next-Cursor') };
}
