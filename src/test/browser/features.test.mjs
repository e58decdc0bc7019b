// What the page has beyond TodoMVC: paging, imports and exports as jobs, live updates, the service's errors,
// accounts with a cookie session, a strict CSP and a phone-width layout.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import {
  BASE, OUT, addTodo, call, eventually, jobEnded, labels, launch, newAccount, signedInPage, submitSignIn, tokenFor,
  until,
} from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

async function seed(token, count) {
  const rows = Array.from({ length: count }, (_, i) => JSON.stringify({ content: `seeded ${i + 1}` })).join('\n');
  const job = await call('POST', 'todo/import', { body: rows, contentType: 'application/x-ndjson', token });
  assert.equal((await jobEnded(job.id, token)).state, 'succeeded');
}

test('paging: newest first, 50 at a time, more loaded as the list scrolls, until the last', async () => {
  const account = await newAccount();
  await seed(await tokenFor(account), 120);
  const page = await signedInPage(browser, account);
  await eventually(async () => assert.equal((await labels(page)).length >= 50, true));
  const first = await labels(page);
  assert.equal(first[0], 'seeded 120', 'newest first');
  await eventually(async () => assert.equal(await page.locator('.todo-count').textContent(), '120 items left'));
  // Scrolling the "Load more" button into view loads the next page by itself, as many times as needed.
  for (let i = 0; i < 3 && (await page.locator('.load-more').isVisible()); i++) {
    await page.locator('.load-more').scrollIntoViewIfNeeded();
    await eventually(async () => assert.equal((await labels(page)).length >= Math.min(120, 50 * (i + 2)), true));
  }
  const all = await labels(page);
  assert.equal(all.length, 120);
  assert.equal(new Set(all).size, 120, 'no todo twice');
  assert.equal(all.at(-1), 'seeded 1');
  assert.equal(await page.locator('.load-more').isVisible(), false, 'no "Load more" after the last page');
  await page.context().close();
});

test('toggle-all finishes and reopens every todo, the pages not loaded yet too, as a job', async () => {
  const account = await newAccount();
  await seed(await tokenFor(account), 120);
  const page = await signedInPage(browser, account);
  await eventually(async () => assert.equal(await page.locator('.todo-count').textContent(), '120 items left'));
  assert.equal((await labels(page)).length < 120, true, 'only the first pages are loaded');
  await page.locator('label[for="toggle-all"]').click();
  const job = page.locator('.job').first();
  await eventually(async () => assert.equal(await job.getAttribute('data-state'), 'succeeded'));
  assert.equal(await job.locator('.job-state').textContent(), 'finished 120');
  await eventually(async () => assert.equal(await page.locator('.todo-count').textContent(), '0 items left'));
  await eventually(async () => assert.equal(await page.locator('.toggle-all').isChecked(), true));
  assert.equal(await page.locator('.todo-list li:not(.completed)').count(), 0, 'every loaded todo drawn finished');
  const completed = await call('GET', 'todo/counts', { token: await tokenFor(account) });
  assert.equal(completed.completed, 120, 'the service counts all of them finished');
  await page.locator('label[for="toggle-all"]').click();
  await eventually(async () => assert.equal(await page.locator('.todo-count').textContent(), '120 items left'));
  await eventually(async () => assert.equal(await page.locator('.job-state').first().textContent(), 'reopened 120'));
  await page.context().close();
});

test('import: a file picked in the page runs as a job whose progress bar fills to the end', async () => {
  const account = await newAccount();
  const page = await signedInPage(browser, account);
  const file = `${OUT}import.csv`;
  const rows = 3000;
  await writeFile(file, `content,is_finished\n${Array.from({ length: rows }, (_, i) => `imported ${i + 1},${i % 3 === 0}`).join('\n')}\n`);
  await page.locator('#import-file').setInputFiles(file);
  const job = page.locator('.job').first();
  await eventually(async () => assert.equal(await job.getAttribute('data-state'), 'succeeded'), 120_000);
  const bar = job.locator('progress');
  assert.equal(await bar.evaluate((element) => element.value === element.max && element.max > 0), true, 'full bar');
  assert.equal(await job.locator('.job-state').textContent(), `imported ${rows} of ${rows}`);
  await eventually(async () => assert.equal(await page.locator('.todo-count').textContent(), `${rows - rows / 3} items left`));
  // The counts and the list are read together, but a later read of both may still be on its way (a live event, the
  // job's end): the newest record is shown first once the page has caught up.
  await eventually(async () => assert.equal((await labels(page))[0], `imported ${rows}`));
  await page.context().close();
});

test('export: the file downloads once the job is done, with every todo in it', async () => {
  const account = await newAccount();
  const page = await signedInPage(browser, account);
  for (const text of ['to export, "quoted"', 'to export, second']) await addTodo(page, text);
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^todos.*\.csv$/);
  const path = `${OUT}export.csv`;
  await file.saveAs(path);
  const csv = await readFile(path, 'utf8');
  assert.match(csv, /"to export, ""quoted"""/);
  assert.match(csv, /"to export, second"/);
  await eventually(async () => assert.equal(await page.locator('.job').first().getAttribute('data-state'), 'succeeded'));
  await page.context().close();
});

test('live: a change in one tab shows in another signed into the same account, without a reload', async () => {
  const account = await newAccount();
  const one = await signedInPage(browser, account);
  const other = await signedInPage(browser, account);
  const latencies = [];
  for (let i = 0; i < 5; i++) {
    const text = `live ${i}`;
    await one.locator('.new-todo').fill(text);
    const started = performance.now();
    await one.locator('.new-todo').press('Enter');
    await until(async () => (await labels(other)).includes(text), `"${text}" in the other tab`);
    latencies.push(performance.now() - started);
  }
  await other.locator('.todo-list li', { hasText: 'live 0' }).locator('.toggle').check();
  await until(async () => (await one.locator('.todo-list li.completed').count()) === 1, 'the finish in the first tab');
  latencies.sort((a, b) => a - b);
  // The other tab never reloads, so each change it shows came by the event stream. How fast is a figure, not a
  // pass mark (one change of five took 1.4 s in a CI run on this shared machine): the target of a second is
  // bench/page's, over 100 changes.
  console.log(`browser figure: change in one tab visible in the other after ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  await one.context().close();
  await other.context().close();
});

test('live: when the stream is refused (a 502 while no node is up) the page keeps trying and catches up', async () => {
  const account = await newAccount();
  const token = await tokenFor(account);
  const context = await browser.newContext();
  const page = await context.newPage();
  let refused = 0;
  await page.route('**/events', (route) => {
    refused += 1;
    return route.fulfill({ status: 502, contentType: 'application/problem+json', body: '{"title":"Bad Gateway"}' });
  });
  await page.goto(BASE.href);
  await submitSignIn(page, account);
  await page.locator('#live[data-state="reconnecting"]').waitFor();
  // Three refusals take 3 s (pauses of 1 s, then 2 s): the page has read its list without the stream by then.
  await until(async () => refused >= 3, 'the page opened the stream again after refusals');
  await page.locator('.main').waitFor({ state: 'attached' });
  await call('POST', 'todo', { json: { content: 'made while the stream was down' }, token });
  await page.unroute('**/events');
  await page.locator('#live[data-state="live"]').waitFor({ timeout: 30_000 });
  await eventually(async () => assert.ok((await labels(page)).includes('made while the stream was down')));
  await context.close();
});

test('live: a hidden tab lets its stream go and catches up when shown again', async () => {
  const account = await newAccount();
  const token = await tokenFor(account);
  const page = await signedInPage(browser, account);
  const setHidden = (hidden) => page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { value, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  await page.locator('#live[data-state="paused"]').waitFor();
  await call('POST', 'todo', { json: { content: 'made while the tab was hidden' }, token });
  await setHidden(false);
  await page.locator('#live[data-state="live"]').waitFor();
  await eventually(async () => assert.deepEqual(await labels(page), ['made while the tab was hidden']));
  await page.context().close();
});

test('an error from the service is shown, the refused todo rolled back and the text kept', async () => {
  const page = await signedInPage(browser, await newAccount());
  await addTodo(page, 'fine');
  const tooLong = 'x'.repeat(1001);
  await page.locator('.new-todo').fill(tooLong);
  await page.locator('.new-todo').press('Enter');
  const alert = page.getByRole('alert');
  await alert.waitFor({ state: 'visible' });
  assert.match(await alert.textContent(), /longer than 1000 characters/, 'the problem\'s detail, as the service wrote it');
  await eventually(async () => assert.deepEqual(await labels(page), ['fine']));
  assert.equal(await page.locator('.new-todo').inputValue(), tooLong, 'nothing typed is lost');
  await alert.getByRole('button').click();
  assert.equal(await alert.isVisible(), false);
  await page.context().close();
});

test('accounts: sign up in the page, a session cookie scripts cannot read, log out, and no other account\'s todos', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE.href);
  await page.locator('#auth-form:visible, #logout:visible').first().waitFor();
  if (!(await page.locator('#auth-form').isVisible())) await page.locator('#logout').click();
  const login = `signup-${Date.now()}@example.org`;
  await page.getByLabel('Email').fill(login);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.locator('.todoapp').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#who').textContent(), login);
  await addTodo(page, 'mine only');

  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name === 'todo_session');
  assert.ok(session, `a session cookie: ${JSON.stringify(cookies.map((c) => c.name))}`);
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie.includes('todo_session')), false);

  const stranger = await signedInPage(browser, await newAccount());
  assert.deepEqual(await labels(stranger), [], 'another account sees none of it');
  await stranger.context().close();

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.locator('#auth-form').waitFor({ state: 'visible' });
  assert.equal((await context.cookies()).some((cookie) => cookie.name === 'todo_session'), false, 'cookie cleared');
  // Revoked: every node refuses it within a second (each keeps a checked token that long).
  await eventually(() => assert.rejects(call('GET', 'todo', { token: session.value }), /401/, 'token revoked'));
  await context.close();
});

test('the page runs under a strict Content-Security-Policy and fits a phone screen (and poses for the README)', async () => {
  const response = await fetch(BASE);
  const policy = response.headers.get('content-security-policy') || '';
  assert.match(policy, /default-src 'self'/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  const page = await signedInPage(browser, await newAccount(), { viewport: { width: 800, height: 640 } });
  for (const text of ['Water the plants', 'Renew the passport', 'Read chapter 3', 'Call the bank']) {
    await addTodo(page, text);
  }
  await page.locator('.todo-list li', { hasText: 'Read chapter 3' }).locator('.toggle').check();
  await eventually(async () => assert.equal(await page.locator('.todo-count').textContent(), '3 items left'));
  await page.locator('.new-todo').focus();
  await page.screenshot({ path: `${OUT}page.png` });
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 375 px: ${overflow} px too wide`);
  assert.deepEqual(page.problems, [], 'no console errors (a CSP violation would be one)');
  await page.context().close();
});
