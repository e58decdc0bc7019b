// What every browser test needs: Debian's Chromium (never a downloaded one), fresh accounts made through the API,
// and pages signed in through the page's own form.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The page's address: the stack through nginx in CI, or any node (`mvn jetty:run`: http://127.0.0.1:8000/). */
export const BASE = new URL(process.env.BASE_URL || 'http://127.0.0.1:8888/');
/** Where test artefacts go (screenshots, downloads). */
export const OUT = process.env.BROWSER_OUT || new URL('../../../target/browser/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

/** Generous limits: this machine is shared and slow at times; a waiting test polls, it never sleeps a fixed time. */
export const LIMIT = 15_000;

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/** A fresh account registered through the API. */
export async function newAccount() {
  const account = { login: `page-${randomUUID().slice(0, 12)}@example.org`, password: 'correct horse battery' };
  await call('POST', 'accounts', { json: account });
  return account;
}

/** A read-write token for the account, for the tests' own API calls (seeding, checking). */
export async function tokenFor(account) {
  const created = await call('POST', 'tokens', { json: { ...account, name: 'browser test' } });
  return created.token;
}

export async function call(method, path, { json, body, contentType, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  const response = await fetch(new URL(path, BASE), { method, headers, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Waits for a job through the API until it ends; returns the ended job. */
export async function jobEnded(id, token) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = await call('GET', `jobs/${id}`, { token });
    if (['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A new browser context (its own cookies) with the page open and signed in as the account through the form.
 * Collects console errors (a CSP violation shows there) and refused assets in page.problems.
 */
export async function signedInPage(browser, account, { viewport } = {}) {
  const context = await browser.newContext({ viewport: viewport || { width: 1000, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    // "Failed to load resource" is every refused fetch (a 401 before signing in is one): assets are checked below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      page.problems.push(message.text());
    }
  });
  page.on('response', (response) => {
    const asset = ['document', 'script', 'stylesheet', 'image', 'font'].includes(response.request().resourceType());
    if (asset && response.status() >= 400) page.problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on('pageerror', (error) => page.problems.push(String(error)));
  await page.goto(BASE.href);
  await signIn(page, account);
  return page;
}

/** Signs in through the form and waits until the list is shown and live. */
export async function signIn(page, account) {
  await submitSignIn(page, account);
  await page.locator('#live[data-state="live"]').waitFor({ timeout: LIMIT });
}

/** Fills and sends the sign-in form, and waits until the list is shown. */
export async function submitSignIn(page, account) {
  // The development service (AUTH_ANONYMOUS) opens on its shared owner: the form is behind "Log in".
  await page.locator('#auth-form:visible, #logout:visible').first().waitFor({ timeout: LIMIT });
  if (!(await page.locator('#auth-form').isVisible())) await page.locator('#logout').click();
  await page.getByLabel('Email').fill(account.login);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.todoapp').waitFor({ state: 'visible', timeout: LIMIT });
}

/** Polls until check() returns true; the time it took in ms, or an error after the limit. */
export async function until(check, what, limit = LIMIT) {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > limit) throw new Error(`not within ${limit} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Retries an assertion until it passes (or throws its last failure after the limit). */
export async function eventually(assertion, limit = LIMIT) {
  const started = Date.now();
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() - started > limit) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The labels of the todos shown, top to bottom. */
export function labels(page) {
  return page.locator('.todo-list li label').allTextContents();
}

/** Types a todo into the new-todo field and presses Enter, then waits until the service stored it. */
export async function addTodo(page, text) {
  await page.locator('.new-todo').fill(text);
  await page.locator('.new-todo').press('Enter');
  await page.locator('.todo-list li.pending-create').first().waitFor({ state: 'detached', timeout: LIMIT })
    .catch(() => {}); // already stored before the wait began
  const alert = page.getByRole('alert');
  if (await alert.isVisible()) throw new Error(`adding "${text}" was refused: ${await alert.textContent()}`);
}
