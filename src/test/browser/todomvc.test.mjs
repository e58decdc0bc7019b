// TodoMVC's app spec (tastejs/todomvc app-spec.md), against the real service.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addTodo, eventually, labels, launch, newAccount, signedInPage } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

async function freshPage() {
  return signedInPage(browser, await newAccount());
}

const count = (page) => page.locator('.todo-count').textContent();

test('a new todo is added with Enter, trimmed, newest first, and an empty one is not added', async () => {
  const page = await freshPage();
  assert.equal(await page.locator('.main').isVisible(), false, 'no list without todos');
  assert.equal(await page.locator('.footer').isVisible(), false, 'no footer without todos');
  await addTodo(page, '  buy milk  ');
  await addTodo(page, 'write report');
  await page.locator('.new-todo').fill('   ');
  await page.locator('.new-todo').press('Enter');
  await eventually(async () => assert.deepEqual(await labels(page), ['write report', 'buy milk']));
  assert.equal(await page.locator('.new-todo').inputValue(), '   ', 'a blank entry is left as typed, not sent');
  await eventually(async () => assert.equal(await count(page), '2 items left'));
  await page.reload();
  await eventually(async () => assert.deepEqual(await labels(page), ['write report', 'buy milk']), 'kept after reload');
  await page.context().close();
});

test('finishing, reopening and toggle-all update the item and the "items left" count', async () => {
  const page = await freshPage();
  for (const text of ['one', 'two', 'three']) await addTodo(page, text);
  await eventually(async () => assert.equal(await count(page), '3 items left'));
  await page.locator('.todo-list li', { hasText: 'two' }).locator('.toggle').check();
  await eventually(async () => assert.equal(await count(page), '2 items left'));
  assert.match(await page.locator('.todo-list li', { hasText: 'two' }).getAttribute('class'), /completed/);
  await page.locator('.todo-list li', { hasText: 'two' }).locator('.toggle').uncheck();
  await eventually(async () => assert.equal(await count(page), '3 items left'));
  await page.locator('label[for="toggle-all"]').click();
  await eventually(async () => assert.equal(await count(page), '0 items left'));
  assert.equal(await page.locator('.todo-list li.completed').count(), 3);
  await page.reload();
  await eventually(async () => assert.equal(await page.locator('.todo-list li.completed').count(), 3));
  assert.equal(await page.locator('.toggle-all').isChecked(), true, 'toggle-all checked when all are done');
  await page.locator('label[for="toggle-all"]').click();
  await eventually(async () => assert.equal(await count(page), '3 items left'));
  assert.equal(await page.locator('.todo-list li.completed').count(), 0);
  await page.context().close();
});

test('editing: double-click, Enter saves, Escape cancels, blur saves, empty deletes', async () => {
  const page = await freshPage();
  await addTodo(page, 'first');
  await addTodo(page, 'second');
  const item = (text) => page.locator('.todo-list li', { hasText: text });

  await item('first').locator('label').dblclick();
  assert.match(await item('first').getAttribute('class'), /editing/);
  assert.equal(await item('first').locator('.toggle').isVisible(), false, 'the other controls hide while editing');
  await item('first').locator('.edit').fill('  first, edited  ');
  await item('first').locator('.edit').press('Enter');
  await eventually(async () => assert.deepEqual(await labels(page), ['second', 'first, edited']));

  await item('second').locator('label').dblclick();
  await item('second').locator('.edit').fill('never saved');
  await item('second').locator('.edit').press('Escape');
  await eventually(async () => assert.deepEqual(await labels(page), ['second', 'first, edited']));

  await item('second').locator('label').dblclick();
  await item('second').locator('.edit').fill('saved on blur');
  await page.locator('.new-todo').click();
  await eventually(async () => assert.deepEqual(await labels(page), ['saved on blur', 'first, edited']));

  await item('first, edited').locator('label').dblclick();
  await item('first, edited').locator('.edit').fill('   ');
  await item('first, edited').locator('.edit').press('Enter');
  await eventually(async () => assert.deepEqual(await labels(page), ['saved on blur']));

  await page.reload();
  await eventually(async () => assert.deepEqual(await labels(page), ['saved on blur']), 'the edits were stored');
  await page.context().close();
});

test('delete removes a todo; filters All, Active and Completed live in the URL', async () => {
  const page = await freshPage();
  for (const text of ['alpha', 'beta', 'gamma']) await addTodo(page, text);
  await page.locator('.todo-list li', { hasText: 'beta' }).hover();
  await page.locator('.todo-list li', { hasText: 'beta' }).locator('.destroy').click();
  await eventually(async () => assert.deepEqual(await labels(page), ['gamma', 'alpha']));
  await page.locator('.todo-list li', { hasText: 'alpha' }).locator('.toggle').check();
  await eventually(async () => assert.equal(await count(page), '1 item left'));

  await page.getByRole('link', { name: 'Active' }).click();
  assert.match(page.url(), /#\/active$/);
  await eventually(async () => assert.deepEqual(await labels(page), ['gamma']));
  assert.equal(await page.getByRole('link', { name: 'Active' }).getAttribute('class'), 'selected');

  await page.getByRole('link', { name: 'Completed' }).click();
  await eventually(async () => assert.deepEqual(await labels(page), ['alpha']));
  await page.reload();
  await eventually(async () => assert.deepEqual(await labels(page), ['alpha']), 'the filter survives a reload');

  await page.goBack();
  assert.match(page.url(), /#\/active$/);
  await eventually(async () => assert.deepEqual(await labels(page), ['gamma']), 'the back button changes filter');
  await page.getByRole('link', { name: 'All' }).click();
  await eventually(async () => assert.deepEqual(await labels(page), ['gamma', 'alpha']));
  await page.context().close();
});

test('"Clear completed" deletes the finished todos as a job, with its progress shown to the end', async () => {
  const page = await freshPage();
  for (const text of ['keep', 'done 1', 'done 2']) await addTodo(page, text);
  assert.equal(await page.locator('.clear-completed').isVisible(), false, 'hidden while nothing is completed');
  for (const text of ['done 1', 'done 2']) {
    await page.locator('.todo-list li', { hasText: text }).locator('.toggle').check();
  }
  await page.locator('.clear-completed').click();
  const job = page.locator('.job').first();
  await eventually(async () => assert.equal(await job.getAttribute('data-state'), 'succeeded'));
  assert.equal(await job.locator('.job-name').textContent(), 'Clear completed');
  assert.equal(await job.locator('.job-state').textContent(), 'deleted 2');
  await eventually(async () => assert.deepEqual(await labels(page), ['keep']));
  assert.equal(await page.locator('.clear-completed').isVisible(), false);
  await page.context().close();
});

test('the page can be used with the keyboard alone', async () => {
  const page = await freshPage();
  await page.locator('.new-todo').focus();
  await page.keyboard.type('typed only');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual(await labels(page), ['typed only']));
  // Stored (no longer drawn as pending) before it can be edited.
  await page.locator('.todo-list li.pending-create').waitFor({ state: 'detached' });
  await page.locator('.todo-list li label').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(', then edited');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual(await labels(page), ['typed only, then edited']));
  await page.locator('.todo-list li .toggle').focus();
  await page.keyboard.press('Space');
  await eventually(async () => assert.equal(await count(page), '0 items left'));
  assert.deepEqual(page.problems, [], 'no console errors (a CSP violation would be one)');
  await page.context().close();
});
