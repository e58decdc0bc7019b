// The service's HTTP API as the page uses it: same origin, relative URLs (the WAR may live under a context path),
// the session in an HttpOnly cookie the page never sees, and the CSRF token the session answers with on every
// request that changes something.

/** An answer the service refused, with the RFC 9457 problem's title and detail when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The service answered ${status}.`);
    this.status = status;
    this.title = problem.title || '';
    this.type = problem.type || '';
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken = '';

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      // A proxy's page or a cut answer: the status says enough.
    }
  }
  return { title: response.statusText };
}

/** Sends a request; resolves to the parsed JSON (or null without a body), rejects with ApiError or a network TypeError. */
export async function request(method, path, { json, body, contentType, headers = {} } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  if (UNSAFE.has(method) && csrfToken) sent['X-CSRF-Token'] = csrfToken;
  if (json !== undefined) {
    sent['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (contentType) {
    sent['Content-Type'] = contentType;
  }
  const response = await fetch(path, { method, headers: sent, body, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

function remember(session) {
  csrfToken = session.csrf_token || '';
  return session;
}

/** The signed-in account (or the development service's anonymous owner), or null when nobody is signed in. */
export async function currentSession() {
  try {
    return remember(await request('GET', 'session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function logIn(login, password) {
  return remember(await request('POST', 'session', { json: { login, password } }));
}

export async function register(login, password) {
  await request('POST', 'accounts', { json: { login, password } });
  return logIn(login, password);
}

export async function logOut() {
  await request('DELETE', 'session');
  csrfToken = '';
}

export const todos = {
  page: (filter, limit, after) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (filter !== 'all') query.set('finished', String(filter === 'completed'));
    if (after) query.set('after', after);
    return request('GET', `todo?${query}`);
  },
  counts: () => request('GET', 'todo/counts'),
  add: (content, idempotencyKey) =>
    request('POST', 'todo', { json: { content }, headers: { 'Idempotency-Key': idempotencyKey } }),
  edit: (id, changes) => request('PATCH', `todo/${id}`, { json: changes }),
  remove: (id) => request('DELETE', `todo/${id}`),
  clear: (finished) => request('DELETE', `todo?finished=${finished}`),
  markAll: (finished) => request('PATCH', 'todo', { json: { is_finished: finished } }),
  import: (file) => request('POST', 'todo/import', { body: file, contentType: importType(file.name) }),
  export: (format) => request('POST', `todo/export?format=${format}`),
};

export const jobs = {
  get: (id) => request('GET', `jobs/${id}`),
  result: (id) => request('GET', `jobs/${id}/result`),
  resultUrl: (id) => `jobs/${id}/result`,
};

/** The import's Content-Type from the file's name: the service reads NDJSON, a JSON array or CSV. */
export function importType(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'application/x-ndjson';
  return 'application/json';
}

/** Polls a job until it ends, reporting its progress; resolves to the ended job. */
export async function followJob(id, onProgress, everyMillis = 250) {
  for (;;) {
    const job = await jobs.get(id);
    onProgress(job);
    if (['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, everyMillis));
  }
}
