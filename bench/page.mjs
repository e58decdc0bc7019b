// bench/page.mjs - the web page's figures in Debian's Chromium (run by bench/page):
//   1. first load: requests and bytes on the wire (compressed, as nginx sends them) of a cold load, for the page
//      itself (document, stylesheets, modules) and for the API calls it makes to show a signed-in list;
//   2. live updates: a todo added in one tab until it is drawn in another tab of the same account, N times: p50/p99.
import { writeFileSync } from 'node:fs';
import { BASE, labels, launch, newAccount, signIn, signedInPage, until } from '../src/test/browser/support.mjs';

const changes = Number(process.env.CHANGES || 100);
const out = process.env.OUT;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function firstLoad(browser) {
  const account = await newAccount();
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const finished = new Set();
  page.on('request', (request) => requests.push(request));
  page.on('requestfinished', (request) => finished.add(request));
  await page.goto(BASE.href);
  await page.locator('#auth-form').waitFor();
  await page.waitForLoadState('networkidle');
  const beforeSignIn = requests.length;
  await signIn(page, account); // the list and its counts are read, the event stream is open
  await page.locator('.todo-count').getByText('0').waitFor({ state: 'attached' });
  await page.waitForTimeout(500); // late requests would show up here (there should be none)
  const rows = [];
  for (const [index, request] of requests.entries()) {
    const response = await request.response();
    const done = finished.has(request);
    const sizes = done ? await request.sizes() : null;
    rows.push({
      phase: index < beforeSignIn ? 'page' : 'signing in, list shown',
      url: new URL(request.url()).pathname + new URL(request.url()).search,
      method: request.method(),
      status: response ? response.status() : '–',
      encoding: (await response?.headerValue('content-encoding')) || '',
      // An event stream never finishes: its bytes are not counted.
      bytes: done ? sizes.responseBodySize + sizes.responseHeadersSize : 0,
      open: !done,
    });
  }
  await context.close();
  return rows;
}

async function liveLatency(browser) {
  const account = await newAccount();
  const one = await signedInPage(browser, account);
  const other = await signedInPage(browser, account);
  const latencies = [];
  for (let i = 0; i < changes; i++) {
    const text = `bench change ${i}`;
    await one.locator('.new-todo').fill(text);
    const started = performance.now();
    await one.locator('.new-todo').press('Enter');
    await until(async () => (await labels(other)).includes(text), text, 30_000);
    latencies.push(performance.now() - started);
  }
  await one.context().close();
  await other.context().close();
  return latencies.sort((a, b) => a - b);
}

const browser = await launch();
try {
  const rows = await firstLoad(browser);
  const latencies = await liveLatency(browser);
  const page = rows.filter((row) => row.phase === 'page');
  const sum = (list) => list.reduce((total, row) => total + row.bytes, 0);
  const kib = (bytes) => (bytes / 1024).toFixed(1);
  const lines = [
    `# Web page: first load and live updates (${new Date().toISOString()})`,
    '',
    `Against ${BASE.href}, Debian's Chromium, a fresh browser context (empty cache).`,
    '',
    '| phase | request | status | encoding | bytes on the wire (headers + body) |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.phase} | ${row.method} \`${row.url}\` | ${row.status} | ${row.encoding || '–'} |`
      + ` ${row.bytes}${row.open ? ' (an open stream: not counted)' : ''} |`),
    '',
    `**First load of the page** (document, stylesheets, modules, and the session check that decides between the`
      + ` sign-in form and the list): ${page.length} requests, ${kib(sum(page))} KiB`
      + ` (target: under 8 requests and 60 KB): ${page.length < 8 && sum(page) < 60_000 ? 'met' : 'missed'}.`,
    `Signing in until the list is shown and live: ${rows.length - page.length} more requests,`
      + ` ${kib(sum(rows) - sum(page))} KiB.`,
    '',
    `**A change in one tab drawn in another** (same account, ${latencies.length} todos added one after another,`
      + ` Enter pressed to the label shown): p50 ${percentile(latencies, 50).toFixed(0)} ms,`
      + ` p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms.`,
  ];
  const text = `${lines.join('\n')}\n`;
  process.stdout.write(text);
  if (out) writeFileSync(out, text);
} finally {
  await browser.close();
}
