// The inbox in real Chromium: banners on scam messages and none on genuine ones, marked
// links, a stopped click on a dangerous link, "This is not a scam", late messages.
//
// The inbox page is written here, shaped like a message centre whose messages are <article>
// elements (no platform adapter knows this layout, so the generic adapter finds them). The
// scam text is the wire-transfer phishing mail of the seeds.
//
// Engine dependencies: the banner tests need the message classifier (src/message) to name the
// categories, and the lookalike detector (src/lookalike.rs) to call
// alibaba.com.verify-account.top an impersonation of Alibaba.com.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { clickInShadow, html, shadowTexts, start, until } from './ui-helpers.mjs';

const INBOX = 'message.alibaba.com';
const PHISH = 'alibaba.com.verify-account.top';

const GENUINE = `<article id="m-genuine">
  <header><b class="sender">Jonas Weber</b> · Weber Industrietechnik GmbH</header>
  <p>Dear sales team, we would like a quotation for 2,000 pcs of the DN50 PN16 weld neck flange
  we found in your showroom: <a href="https://www.alibaba.com/product-detail/DN50-Flange_1600872245512.html">DN50 PN16 flange</a>.
  Please quote FOB Ningbo and CIF Hamburg and state your lead time.</p>
  <p>Best regards, Jonas Weber</p>
</article>`;

// A real buyer may well link their own site: the link leaves the platform and is marked,
// whatever the message's verdict.
const FOREIGN = `<article id="m-foreign">
  <p>Hi, we are a hardware distributor in Chile. Our product range is on
  <a href="https://www.ferreteria-andina.cl/catalogo">ferreteria-andina.cl</a>. Can you send your price list for
  stainless flanges?</p>
</article>`;

const SCAM = `<article id="m-scam">
  <header><b class="sender">Accounts Department</b> · Global Trading Partners Ltd</header>
  <p>Dear Sir/Madam,</p>
  <p>Our company has made a wire transfer to your registered bank account. Please find attached a
  wire transfer confirmation sheet and remittance. Log in with your Alibaba.com account to view the
  remittance information. Unless you respond immediately by clicking on the below link, the
  information shall be deemed to be correct and shall be binding and conclusive on you.</p>
  <p><a href="https://${PHISH}/login?ref=TT20251120">View remittance information</a></p>
  <p>Best regards, Finance Team</p>
</article>`;

const LATE = `<article id="m-late"><p>Hello, I am a student and I need an invitation letter for a visa to visit your
factory. Please send the invitation letter to me first; I am not interested in an order yet.</p></article>`;

const PAGE = html(
  'Message Center',
  `<nav><a href="#inbox">Inbox</a> <a href="javascript:void(0)">Refresh</a></nav>
   <main><h1>Inquiries</h1><section id="list">${SCAM}${GENUINE}${FOREIGN}</section></main>
   <script>
     // A single-page inbox: one more message arrives after the page has loaded.
     setTimeout(() => {
       const t = document.createElement('template');
       t.innerHTML = ${JSON.stringify(LATE)};
       document.getElementById('list').append(t.content);
     }, 800);
   </script>`,
);

// A long inbox: the scam and the buyer's link are many screens below the view, where their banner
// and mark are drawn in tasks right after the verdicts (content/inbox.js drawLater).
const FILLER = Array.from({ length: 30 }, (_, i) => `<article id="m-filler-${i}" style="min-height: 400px">
  <p>Dear sales team, please quote 500 pcs of item ${i} FOB Ningbo and state the lead time.</p></article>`).join('');
const LONG_PAGE = html('Message Center', `<main><h1>Inquiries</h1><section>${FILLER}${SCAM.replace('m-scam', 'm-far-scam')}${FOREIGN.replace('m-foreign', 'm-far-foreign')}</section></main>`);

describe('inbox', () => {
  let h;
  before(async () => {
    h = await start('ui-inbox', {
      [INBOX]: { '/message/default.htm': PAGE, '/message/long.htm': LONG_PAGE },
      [PHISH]: { '/login': html('Sign in', '<p>phishing page</p>') },
    });
  });
  after(() => h?.close());

  test('links are marked: genuine safe, foreign caution, lookalike danger', async () => {
    const page = await h.browser.open(h.server.url(INBOX, '/message/default.htm'), { wait: { links: 3 } });
    const { links } = await h.browser.marks(page);
    const by = (part) => links.find((l) => l.href.includes(part));
    assert.equal(by('www.alibaba.com').verdict, 'safe');
    assert.equal(by('www.alibaba.com').mark, null, 'no mark on a genuine link');
    assert.equal(by('ferreteria-andina.cl').verdict, 'caution');
    assert.match(by('ferreteria-andina.cl').mark, /leads off Alibaba\.com/i, 'the mark says why');
    assert.equal(by(PHISH).verdict, 'danger');
    assert.ok(by(PHISH).mark, 'the lookalike link has a mark');
    // The page's own controls (javascript:void(0), #fragments) are not destinations.
    assert.ok(!links.some((l) => l.href.startsWith('javascript:') || l.href.startsWith('#')));
    await h.browser.screenshot(page, 'ui-inbox-links');
    await page.close();
  });

  test('a banner names the scam before the phishing message, none on the genuine one', async () => {
    const page = await h.browser.open(h.server.url(INBOX, '/message/default.htm'), { wait: { messages: 3 } });
    const { messages } = await h.browser.marks(page);
    const genuine = messages.find((m) => m.id === 'm-genuine');
    const scam = messages.find((m) => m.id === 'm-scam');
    assert.equal(genuine.verdict, 'safe');
    assert.equal(genuine.banner, null, 'nothing on a safe message');
    assert.equal(scam.verdict, 'danger');
    assert.ok(scam.banner, 'a banner before the scam message');
    assert.equal(scam.banner.verdict, 'danger');
    assert.ok(
      scam.categories.includes('credential_phishing') || scam.categories.includes('fake_payment_proof'),
      `categories: ${scam.categories}`,
    );
    // Announced to screen readers, with the advice of the seeds.
    const role = await page.$eval('#m-scam', (m) => m.previousElementSibling.getAttribute('role'));
    assert.equal(role, 'alert');
    assert.match(scam.banner.text, /do not click/i);
    assert.match(scam.banner.text, /report/i);
    assert.match(scam.banner.text, /evidence/i);
    // The words that gave it away are highlighted in the message itself.
    const highlighted = await page.evaluate(() => {
      const hl = CSS.highlights && CSS.highlights.get('sellershield-danger');
      const hc = CSS.highlights && CSS.highlights.get('sellershield-caution');
      return (hl ? hl.size : 0) + (hc ? hc.size : 0) + document.querySelectorAll('sellershield-evidence').length;
    });
    assert.ok(highlighted > 0, 'evidence highlighted');
    await h.browser.screenshot(page, 'ui-inbox-banner');
    await page.close();
  });

  test('far below the view, banners and marks are drawn too, before the batch counts as judged', async () => {
    const page = await h.browser.open(h.server.url(INBOX, '/message/long.htm'), { wait: { messages: 32 } });
    const { messages, links, judged } = await h.browser.marks(page);
    assert.equal(judged, 32);
    const far = messages.find((m) => m.id === 'm-far-scam');
    assert.equal(far.verdict, 'danger');
    assert.equal(far.banner?.verdict, 'danger', 'the banner of a message eleven thousand pixels down');
    assert.equal(links.find((l) => l.href.includes(PHISH)).verdict, 'danger');
    assert.ok(links.find((l) => l.href.includes(PHISH)).mark, 'its link is marked');
    assert.match(links.find((l) => l.href.includes('ferreteria-andina.cl')).mark, /leads off Alibaba\.com/i);
    assert.ok(messages.filter((m) => m.id.startsWith('m-filler-')).every((m) => m.verdict === 'safe' && !m.banner));
    await page.close();
  });

  test('a message added later is judged once', async () => {
    const page = await h.browser.open(h.server.url(INBOX, '/message/default.htm'), { wait: { messages: 4 } });
    // Give the observer time to (wrongly) judge anything twice.
    await page.waitForTimeout(600);
    const { messages, judged } = await h.browser.marks(page);
    assert.equal(judged, 4, 'four messages, each judged once');
    const late = messages.find((m) => m.id === 'm-late');
    assert.ok(late, 'the late message was judged');
    const banners = await page.$$eval('sellershield-banner', (b) => b.map((x) => x.nextElementSibling && x.nextElementSibling.id));
    assert.equal(new Set(banners).size, banners.length, 'one banner per message at most');
    await page.close();
  });

  test('a click on a dangerous link is stopped with a dialog naming the destination', async () => {
    const page = await h.browser.open(h.server.url(INBOX, '/message/default.htm'), { wait: { links: 3 } });
    h.server.clearLog();
    await page.click(`a[href*="${PHISH}"]`);
    const dialog = await until(async () => (await shadowTexts(page, 'sellershield-dialog'))[0], 'the dialog');
    assert.match(dialog.text, new RegExp(PHISH.replace(/\./g, '\\.')), 'names the real destination');
    assert.match(dialog.text, /Alibaba\.com/, 'names the platform it imitates');
    assert.equal(new URL(page.url()).hostname, INBOX, 'still on the inbox');
    // Chromium itself may open a connection to a link's host when the pointer goes down on it
    // (a preconnect: a CONNECT to the proxy, no request). No page was asked for.
    const leaked = h.server.requests.filter((r) => r.host === PHISH && r.method !== 'CONNECT');
    assert.deepEqual(leaked, [], 'nothing was requested from the phishing host');
    await h.browser.screenshot(page, 'ui-inbox-dialog');
    await clickInShadow(page, 'sellershield-dialog', 'Stay safe');
    await until(async () => (await page.$$('sellershield-dialog')).length === 0, 'the dialog to close');
    await page.close();
  });

  test('"This is not a scam" hides the banner and is remembered', async () => {
    const url = h.server.url(INBOX, '/message/default.htm');
    let page = await h.browser.open(url, { wait: { messages: 3 } });
    assert.equal((await h.browser.marks(page)).messages.find((m) => m.id === 'm-scam').banner?.verdict, 'danger');
    // The scam is the first message, so its banner is the first one.
    await clickInShadow(page, 'sellershield-banner', 'This is not a scam', { nth: 0 });
    await until(async () => (await page.$$('#m-scam[data-sellershield-dismissed="true"]')).length === 1, 'the dismissal');
    const notes = await shadowTexts(page, 'sellershield-note');
    assert.match(notes[0].text, /not a scam/i);
    await page.close();
    page = await h.browser.open(url, { wait: { messages: 3 } });
    const scam = (await h.browser.marks(page)).messages.find((m) => m.id === 'm-scam');
    assert.equal(scam.banner, null, 'no banner after reload');
    assert.equal(scam.dismissed, true);
    // Undo is possible from the note only; restore for the other tests by clearing storage.
    await h.browser.serviceWorker.evaluate(() => chrome.storage.local.remove('dismissed'));
    await page.close();
  });
});
