// The credential guard in real Chromium: a fake Alibaba.com login is covered by
// <sellershield-guard data-verdict="block"> before any field can be typed in; the same page on
// login.alibaba.com is left alone; a page without credential fields never asks the engine.
//
// A lookalike host never gets this far at the top level (the navigation guard sends it to
// blocked.html first), so the fake page is tested where the navigation guard cannot help:
// inside a frame, and on a host whose name is innocent but whose page presents itself as
// Alibaba.com.
//
// Engine dependency: src/page.rs (block on an impersonating host, on a branded page off the
// platform; allow on genuine login hosts).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { html, shadowTexts, start } from './ui-helpers.mjs';

const LOGIN = html(
  'Alibaba.com - Sign in',
  `<header><img src="/logo-alibaba.png" alt="Alibaba.com" class="logo"></header>
   <h1>Sign in to Alibaba.com</h1>
   <form action="/newlogin/submit" method="post">
     <label>Account <input type="email" id="fm-login-id" name="loginId" autocomplete="username"></label>
     <label>Password <input type="password" id="fm-login-password" name="password" autocomplete="current-password"></label>
     <button type="submit">Sign in</button>
   </form>`,
);

const LOOKALIKE = 'alibaba.com.verify-account.top';
const INNOCENT = 'secure-member-center.example';
const FRAMER = 'shipping-notice.example';

describe('credential guard', () => {
  let h;
  before(async () => {
    h = await start('ui-guard', {
      'login.alibaba.com': { '/newlogin/icbuLogin.htm': LOGIN },
      [INNOCENT]: { '/account/verify': LOGIN },
      [LOOKALIKE]: { '/login': LOGIN },
      [FRAMER]: {
        '/': html('Shipment', `<h1>Your parcel</h1><iframe src="https://${LOOKALIKE}/login" width="600" height="420"></iframe>`),
      },
      'news.example': { '/': html('News', '<h1>Plain page</h1><p>No login here.</p><input type="search" name="q">') },
    });
  });
  after(() => h?.close());

  test('a page presenting itself as Alibaba.com off its domains is blocked before typing', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url(INNOCENT, '/account/verify'), { waitUntil: 'domcontentloaded' });
    // Type at once, as a hurried seller would: nothing may reach the field.
    await page.focus('#fm-login-password').catch(() => {});
    await page.keyboard.type('Tr0ub4dor&3x', { delay: 5 });
    await h.browser.waitForSellerShield(page, { page: true });
    const { guard, pageVerdict } = await h.browser.marks(page);
    assert.equal(pageVerdict, 'block');
    assert.equal(guard?.verdict, 'block');
    assert.match(guard.text, /Alibaba\.com/);
    assert.equal(await page.$eval('#fm-login-password', (f) => f.value), '', 'nothing was typed into the field');
    await page.keyboard.type('more', { delay: 5 });
    assert.equal(await page.$eval('#fm-login-password', (f) => f.value), '', 'the overlay keeps typing out');
    assert.equal(await page.$eval('#fm-login-password', (f) => f.disabled), true);
    await h.browser.screenshot(page, 'ui-guard-block');
    await page.close();
  });

  test('a fake login from a lookalike host inside a frame is blocked in the frame', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url(FRAMER, '/'));
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector('html[data-sellershield-page]', { timeout: 15000 });
    assert.equal(await frame.getAttribute('html', 'data-sellershield-page'), 'block');
    // The frame is another site, so another renderer: its guard is read from the frame itself.
    assert.equal(await frame.$$eval('sellershield-guard', (g) => g.map((x) => x.getAttribute('data-verdict')).join()), 'block');
    assert.equal(await page.$$eval('sellershield-guard', (g) => g.length), 0, 'the framing page is not covered');
    await h.browser.screenshot(page, 'ui-guard-frame');
    await page.close();
  });

  test('the same page on login.alibaba.com is not blocked', async () => {
    const page = await h.browser.open(h.server.url('login.alibaba.com', '/newlogin/icbuLogin.htm'), { wait: { page: true } });
    const { guard, pageVerdict } = await h.browser.marks(page);
    assert.equal(pageVerdict, 'allow');
    assert.equal(guard, null);
    await page.fill('#fm-login-password', 'typing works here');
    assert.equal(await page.$eval('#fm-login-password', (f) => f.value), 'typing works here');
    await page.close();
  });

  test('a page without credential fields never asks the engine', async () => {
    const page = await h.browser.open(h.server.url('news.example', '/'), { wait: false });
    await page.waitForTimeout(400);
    const state = await page.evaluate(() => ({
      page: document.documentElement.getAttribute('data-sellershield-page'),
      scan: performance.getEntriesByName('sellershield:guard-scan').map((e) => e.duration),
    }));
    assert.equal(state.page, null, 'no verdict asked for');
    assert.equal(state.scan.length, 1, 'the guard looked once');
    await page.close();
  });
});
