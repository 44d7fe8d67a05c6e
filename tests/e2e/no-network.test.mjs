// SellerShield makes no network request of its own (docs/ARCHITECTURE.md, "No network request
// of its own, ever"). The extension is put through everything it does on a visit — the demo
// inbox judged, a fake login page on a lookalike host, its popup and options pages — and then
// every request is accounted for, from both sides:
//
//   the fixture server   every host name resolves to it, so it sees every HTTP(S) request
//                        Chromium sends, from anyone, from the first moment;
//   Playwright           sees each request of each page and of the service worker, so it says
//                        *who* asked.
//
// Chromium itself talks to Google services (component updates, account checks) even with
// --disable-background-networking; those land on the fixture server too (they cannot leave the
// machine) and are allowed only if no page and no extension context made them.
// The last test shows the checks catch a request when one is made.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startHarness } from './lib/harness.mjs';
import { FAKE_LOGINS, INBOX_URL, serveDemo } from './demo/demo.mjs';

// Chromium's own service endpoints (update.googleapis.com, accounts.google.com, ...).
const BROWSER_SERVICE = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|gvt2\.com)$/;
const LOCAL = /^(chrome-extension|data|blob|about|chrome):/;

let h;
let requestedByAnyone;

before(async () => {
  h = await startHarness({ name: 'no-network' });
  serveDemo(h.server);
  const b = h.browser;

  const inbox = await b.open(INBOX_URL, { wait: { links: 4 } });
  await b.screenshot(inbox, 'no-network-inbox');

  // A fake login page on a lookalike host: the extension may block the navigation (its
  // blocked page) or guard the page; either way it judges it, which is what is exercised here.
  const { host, path } = FAKE_LOGINS[0];
  const login = await b.context.newPage();
  await login.goto(h.server.url(host, path)).catch(() => {}); // a redirect to blocked.html aborts the goto
  await login.waitForFunction(
    () => location.protocol === 'chrome-extension:' || document.documentElement.hasAttribute('data-sellershield-page'),
    null,
    { timeout: 15000 },
  );
  await login.waitForLoadState('load');
  await b.screenshot(login, 'no-network-login');

  for (const p of ['popup.html', 'options.html']) {
    const page = await b.extensionPage(p);
    await page.waitForLoadState('load');
  }
  // Everything above is awaited, but a request the extension fires and forgets would still be
  // in flight; one more round trip through the service worker drains its queue.
  await b.serviceWorker.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  requestedByAnyone = new Set(b.requests.map((r) => r.url));
});

after(async () => {
  await h?.close();
});

test('the service worker requested nothing but its own packaged files', () => {
  const sw = h.browser.requests.filter((r) => r.from === 'service_worker');
  assert.ok(sw.length > 0 || h.browser.requests.length > 0, 'Playwright saw the browser at work');
  const outside = sw.filter((r) => !LOCAL.test(r.url));
  assert.deepEqual(outside.map((r) => r.url), []);
});

test('pages and extension pages requested only the fixtures the test served', () => {
  assert.deepEqual(h.browser.outsideRequests().map((r) => `${r.from} ${r.method} ${r.url}`), []);
});

test('every request the fixture server saw was for a fixture, or is Chromium talking to its own services', () => {
  const problems = [];
  for (const r of h.server.requests) {
    if (r.fixture) continue;
    const url = `${r.scheme}://${r.host}${r.method === 'CONNECT' ? '' : r.path}`;
    if (!BROWSER_SERVICE.test(r.host)) problems.push(`${r.method} ${url} (status ${r.status})`);
    else if ([...requestedByAnyone].some((u) => u.startsWith(`${r.scheme}://${r.host}/`))) {
      problems.push(`${r.method} ${url} was made by a page or the extension`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the demo pages were all served from the fixture server', () => {
  const served = h.server.requests.filter((r) => r.status === 200 && r.method === 'GET').map((r) => r.host);
  assert.ok(served.includes('message.alibaba.com'), JSON.stringify(served));
});

test('control: a request to an outside host is caught by both checks', async () => {
  const page = await h.browser.open(INBOX_URL, { wait: false });
  const before = h.server.requests.length;
  await page.evaluate(() => fetch('https://telemetry.example-analytics.net/collect?x=1', { mode: 'no-cors' }).catch(() => {}));
  const outside = h.browser.outsideRequests().map((r) => r.url);
  assert.ok(outside.some((u) => u.startsWith('https://telemetry.example-analytics.net/')), JSON.stringify(outside));
  const stray = h.server.requests.slice(before).filter((r) => !r.fixture).map((r) => r.host);
  assert.ok(stray.includes('telemetry.example-analytics.net'), JSON.stringify(stray));
});

test('control: a request from the service worker is caught and attributed to it', async () => {
  await h.browser.serviceWorker.evaluate(() => fetch('https://beacon.example-analytics.net/sw').catch(() => {}));
  const fromSw = h.browser.requests.filter((r) => r.from === 'service_worker' && !LOCAL.test(r.url)).map((r) => r.url);
  assert.deepEqual(fromSw, ['https://beacon.example-analytics.net/sw']);
  assert.ok(h.server.requests.some((r) => r.host === 'beacon.example-analytics.net' && !r.fixture));
});
