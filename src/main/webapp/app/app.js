// The page: signs in (or uses the development service's anonymous owner), shows the list, keeps it live over
// server-sent events, and runs imports, exports and bulk deletes as jobs with a progress bar.
import * as api from './api.js';
import { TodoList, filterOf } from './todos.js';

const $ = (selector) => document.querySelector(selector);
const app = $('.todoapp');
const auth = $('#auth');
const errorBox = $('#error');

let list = null;
let live = null;
let anonymous = false;

// ---- errors --------------------------------------------------------------------------------------------------

function showError(error) {
  if (error instanceof api.ApiError && error.status === 401 && !auth.hidden) return;
  const message = error instanceof api.ApiError ? error.message
    : 'The service cannot be reached. Your last change may not have been saved; try again.';
  $('#error-text').textContent = message;
  errorBox.hidden = false;
  if (error instanceof api.ApiError && error.status === 401) signedOut();
}

$('#error-close').addEventListener('click', () => {
  errorBox.hidden = true;
});

// ---- signing in and out --------------------------------------------------------------------------------------

$('#auth-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const login = form.elements.login.value.trim();
  const password = form.elements.password.value;
  const registering = event.submitter && event.submitter.value === 'register';
  form.setAttribute('aria-busy', 'true');
  try {
    const session = registering ? await api.register(login, password) : await api.logIn(login, password);
    form.reset();
    errorBox.hidden = true;
    signedIn(session);
  } catch (error) {
    showError(error);
  } finally {
    form.removeAttribute('aria-busy');
  }
});

$('#logout').addEventListener('click', async () => {
  if (anonymous) {
    signedOut(); // the development service's shared owner: nothing to end, just the form to sign in
    return;
  }
  try {
    await api.logOut();
  } catch (error) {
    if (!(error instanceof api.ApiError && error.status === 401)) {
      showError(error);
      return;
    }
  }
  signedOut();
});

function signedIn(session) {
  const account = session.account;
  anonymous = Boolean(account.anonymous);
  $('#who').textContent = anonymous ? 'Development mode: shared todos, no account' : account.login;
  $('#logout').textContent = anonymous ? 'Log in' : 'Log out';
  $('#account').hidden = false;
  auth.hidden = true;
  app.hidden = false;
  $('#tools').hidden = false;
  // The stream's first event reads the list: reading it before as well would read it twice.
  list.reset(filterOf(location.hash), true);
  live.start();
  live.readUnlessReadyWithin(1500);
  $('.new-todo').focus();
}

function signedOut() {
  live.stop();
  $('#account').hidden = true;
  app.hidden = true;
  $('#tools').hidden = true;
  auth.hidden = false;
  $('#login').focus();
}

// ---- live updates --------------------------------------------------------------------------------------------

/**
 * The event stream of the account's changes. EventSource reconnects by itself after a dropped connection, but
 * gives up for good when an answer is not a stream (a 502 while nginx has no node): then it is opened again
 * here, with a growing pause. Every (re)connection starts with "ready", and the list is read again then.
 */
class LiveUpdates {
  constructor(onChange) {
    this.onChange = onChange;
    this.source = null;
    this.pause = 1000;
    this.timer = 0;
  }

  start() {
    this.stop();
    this.stopped = false;
    const source = new EventSource('events');
    this.source = source;
    source.addEventListener('ready', () => {
      clearTimeout(this.fallback);
      this.pause = 1000;
      status('live');
      this.onChange();
    });
    source.addEventListener('changed', () => this.onChange());
    source.addEventListener('error', () => {
      status('reconnecting');
      if (source.readyState === EventSource.CLOSED && !this.stopped) {
        this.timer = setTimeout(() => this.start(), this.pause);
        this.pause = Math.min(this.pause * 2, 15000);
      }
    });
  }

  /** Reads the list anyway when the stream has not said "ready" that soon (it is refused, or slow to open). */
  readUnlessReadyWithin(millis) {
    clearTimeout(this.fallback);
    this.fallback = setTimeout(() => this.onChange(), millis);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.fallback);
    if (this.source) this.source.close();
    this.source = null;
    status('off');
  }
}

function status(state) {
  const element = $('#live');
  element.dataset.state = state;
  element.textContent = { live: 'Live', reconnecting: 'Reconnecting…', paused: 'Paused', off: '' }[state];
}

// A hidden tab lets its stream go: over HTTP/1.1 a browser opens at most six connections to a site, shared by all
// its tabs, and open streams would take them all. Shown again, the stream's "ready" brings the list up to date.
document.addEventListener('visibilitychange', () => {
  if (app.hidden) return;
  if (document.hidden) {
    live.stop();
    status('paused');
  } else {
    live.start();
  }
});

// ---- jobs: import, export, clear completed, mark all -----------------------------------------------------------

const JOB_NAMES = { import: 'Import', export: 'Export', clear: 'Clear completed', mark: 'Mark all' };

/** Starts a job, shows its progress bar until it ends, then calls onSuccess with the ended job. */
async function runJob(start, onSuccess) {
  const row = document.querySelector('#job-template').content.firstElementChild.cloneNode(true);
  const bar = row.querySelector('progress');
  const text = row.querySelector('.job-state');
  $('#jobs').prepend(row);
  try {
    const started = await start();
    row.dataset.job = started.id;
    row.querySelector('.job-name').textContent = JOB_NAMES[started.type] || started.type;
    const ended = await api.followJob(started.id, (job) => {
      const { done, total } = job.progress;
      if (total > 0) {
        bar.max = total;
        bar.value = done;
      }
      text.textContent = total > 0 ? `${job.state}: ${done} of ${total}` : job.state;
    });
    if (ended.state === 'succeeded') {
      bar.max = 1;
      bar.value = 1;
      await onSuccess(ended, text);
    } else {
      text.textContent = `${ended.state}${ended.error ? `: ${ended.error}` : ''}`;
    }
    // Marked ended only once its text is final (a report read), so what reads the state reads the outcome too.
    row.dataset.state = ended.state;
  } catch (error) {
    row.dataset.state = 'failed';
    text.textContent = 'refused';
    showError(error);
  }
  list.refresh();
}

$('#import-file').addEventListener('change', (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  runJob(() => api.todos.import(file), async (job, text) => {
    const report = await api.jobs.result(job.id);
    const problems = report.problem_count ? `; ${report.problem_count} skipped (line ${report.problems[0].line}:`
      + ` ${report.problems[0].error})` : '';
    text.textContent = `imported ${report.imported} of ${report.records}${problems}`;
  });
});

for (const button of document.querySelectorAll('[data-export]')) {
  button.addEventListener('click', () => {
    const format = button.dataset.export;
    runJob(() => api.todos.export(format), async (job, text) => {
      const link = document.createElement('a');
      link.href = api.jobs.resultUrl(job.id);
      link.download = `todos.${format}`;
      link.textContent = `Download todos.${format}`;
      text.replaceChildren(link);
      link.click();
    });
  });
}

$('.clear-completed').addEventListener('click', () => {
  runJob(() => api.todos.clear(true), async (job, text) => {
    const report = await api.jobs.result(job.id);
    text.textContent = `deleted ${report.deleted}`;
  });
});

// ---- start ---------------------------------------------------------------------------------------------------

list = new TodoList(app, {
  onError: showError,
  onBusy: (busy) => app.setAttribute('aria-busy', String(busy)),
  onMarkAll: (finished) => runJob(() => api.todos.markAll(finished), async (job, text) => {
    const report = await api.jobs.result(job.id);
    text.textContent = `${finished ? 'finished' : 'reopened'} ${report.changed}`;
  }),
});
live = new LiveUpdates(() => list.refresh());
window.addEventListener('hashchange', () => list.show(filterOf(location.hash)));

api.currentSession().then((session) => (session ? signedIn(session) : signedOut()), (error) => {
  signedOut();
  showError(error);
});
