// The navigation guard in real Chromium: a top-level navigation to a host that impersonates a
// protected platform lands on the extension's blocked page; "Continue anyway" trusts the host
// (undoable in the options) and does not loop back; genuine hosts are never stopped.
//
// Engine dependency: src/lookalike.rs must call these hosts impersonations of Alibaba.com
// (target embedding, a character swap).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { html, start, until } from './ui-helpers.mjs';

const EMBEDDED = 'alibaba.com.verify-account.top';
const DIGIT = 'a1ibaba.com';
const GENUINE = 'www.alibaba.com';

describe('navigation guard', () => {
  let h;
  before(async () => {
    h = await start('ui-navigation', {
      [EMBEDDED]: { '/login': html('Sign in', '<h1>the page behind the lookalike</h1>') },
      [DIGIT]: { '/': html('Sign in', '<h1>another lookalike</h1>') },
      [GENUINE]: { '/': html('Alibaba.com', '<h1>genuine home</h1>') },
    });
    // A freshly loaded extension's first worker can be replaced once while it installs, and
    // the events of a navigation in that gap reach neither: wait for a worker that answers,
    // as a seller's browser has one long before the first message is opened.
    await h.browser.serviceWorker.evaluate(() => true);
  });
  after(() => h?.close());

  const blockedPrefix = () => `chrome-extension://${h.browser.extensionId}/blocked.html`;
  // The navigation is replaced while in flight, so Playwright's own waits see it aborted.
  const blocked = (page) => until(() => page.url().startsWith(blockedPrefix()), 'the blocked page');

  test('a lookalike host lands on the blocked page, which shows the difference', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url(DIGIT, '/')).catch(() => {});
    await blocked(page);
    await page.waitForFunction(() => document.querySelector('#visited mark.diff'));
    assert.match(await page.textContent('h1'), /Alibaba\.com/);
    // The swapped character is what is highlighted, in both addresses.
    assert.deepEqual(await page.$$eval('#visited mark.diff', (m) => m.map((x) => x.textContent)), ['1']);
    assert.deepEqual(await page.$$eval('#genuine mark.diff', (m) => m.map((x) => x.textContent)), ['l']);
    assert.equal(await page.$eval('#genuine-go', (b) => b.hidden), false, 'offers the genuine site');
    await h.browser.screenshot(page, 'ui-blocked');
    await page.close();
  });

  test('a genuine platform host is not stopped', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url(GENUINE, '/'));
    await page.waitForTimeout(500);
    assert.equal(new URL(page.url()).hostname, GENUINE);
    assert.equal(await page.textContent('h1'), 'genuine home');
    await page.close();
  });

  test('"Continue anyway" is deliberate, trusts the host and does not loop back', async () => {
    const target = h.server.url(EMBEDDED, '/login');
    const page = await h.browser.context.newPage();
    await page.goto(target).catch(() => {});
    await blocked(page);
    await page.click('#continue-box summary');
    assert.equal(await page.$eval('#continue', (b) => b.disabled), true, 'needs the confirmation first');
    await page.check('#understand');
    await page.click('#continue');
    await page.waitForURL(target, { timeout: 10000 });
    await page.waitForTimeout(800);
    assert.equal(page.url(), target, 'stays on the site: no loop back to the warning');
    assert.equal(await page.textContent('h1'), 'the page behind the lookalike');

    // The host is now a trusted site, and removing it in the options brings the guard back.
    const options = await h.browser.extensionPage('options.html');
    await options.waitForSelector(`#trusted-list li:has-text("${EMBEDDED}")`);
    await options.click(`#trusted-list li:has-text("${EMBEDDED}") button`);
    await until(async () => (await options.$$(`#trusted-list li:has-text("${EMBEDDED}")`)).length === 0, 'the host to leave the list');
    await options.close();
    await page.goto(target).catch(() => {});
    await blocked(page);
    await page.close();
  });
});
