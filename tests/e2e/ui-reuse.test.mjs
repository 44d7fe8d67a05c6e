// Password reuse in real Chromium: opt in on the options page, sign in on the genuine
// Alibaba.com login page (the password is fingerprinted on submit), then type the same
// password on another site: the full-page guard names the platform. A different password
// raises nothing, and "I changed my password" forgets the fingerprint.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { clickInShadow, html, start, until } from './ui-helpers.mjs';

const PASSWORD = 'Ningbo-Flange#2024';

const LOGIN = html(
  'Alibaba.com - Sign in',
  `<h1>Sign in</h1>
   <form action="/newlogin/icbuLogin.htm" method="get">
     <input type="email" name="loginId" id="login">
     <input type="password" name="password" id="password">
     <button type="submit" id="submit">Sign in</button>
   </form>`,
);

const OTHER = html('Supplier survey', '<h1>Supplier survey</h1><label>Your answer <input type="text" id="answer"></label>');

describe('password reuse', () => {
  let h;
  before(async () => {
    h = await start('ui-reuse', {
      'login.alibaba.com': { '/newlogin/icbuLogin.htm': LOGIN },
      'survey.example': { '/': OTHER },
    });
  });
  after(() => h?.close());

  async function fingerprints() {
    return h.browser.serviceWorker.evaluate(async () => (await chrome.storage.local.get('fingerprints')).fingerprints || []);
  }

  test('enrol on the genuine login page, then a reuse elsewhere raises the guard', async () => {
    const options = await h.browser.extensionPage('options.html');
    await options.waitForSelector('#reuse');
    await options.check('#reuse');
    await options.waitForSelector('#reuse-msg.ok');

    const login = await h.browser.open(h.server.url('login.alibaba.com', '/newlogin/icbuLogin.htm'), { wait: { page: true } });
    await login.fill('#login', 'sales@hengda-flange.example');
    await login.fill('#password', PASSWORD);
    await login.click('#submit');
    const fps = await until(async () => {
      const f = await fingerprints();
      return f.length ? f : null;
    }, 'a fingerprint');
    assert.equal(fps.length, 1);
    assert.equal(fps[0].platform, 'alibaba');
    assert.ok(!JSON.stringify(fps).includes(PASSWORD) && !JSON.stringify(fps).includes('Ningbo'), 'the password itself is not stored');
    await login.close();

    // Something else typed on another site: nothing happens.
    const other = await h.browser.open(h.server.url('survey.example', '/'), { wait: false });
    await other.click('#answer');
    await other.keyboard.type('we ship flanges from Ningbo', { delay: 10 });
    await other.waitForTimeout(500);
    assert.equal((await h.browser.marks(other)).guard, null, 'no alarm on ordinary typing');

    // The Alibaba.com password typed there: the guard names the platform.
    await other.fill('#answer', '');
    await other.click('#answer');
    await other.keyboard.type(PASSWORD, { delay: 10 });
    await h.browser.waitForSellerShield(other, { selector: 'sellershield-guard[data-kind="reuse"]' });
    const { guard } = await h.browser.marks(other);
    assert.equal(guard.verdict, 'block');
    assert.match(guard.text, /Alibaba\.com/);
    assert.match(guard.text, /survey\.example/);
    assert.equal(await other.$eval('#answer', (f) => f.value), '', 'the typed password is cleared from the field');
    await h.browser.screenshot(other, 'ui-reuse-guard');

    // "I changed my password": the old fingerprint is forgotten and the page unlocked.
    await clickInShadow(other, 'sellershield-guard', 'I changed my password');
    await until(async () => (await other.$$('sellershield-guard')).length === 0, 'the guard to close');
    assert.equal((await fingerprints()).length, 0);
    await other.close();
    await options.close();
  });
});
