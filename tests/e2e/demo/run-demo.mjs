// The demo scripts/run.sh shows: the demo inbox served as message.alibaba.com, Chromium with the
// built extension, and a plain-text account of what SellerShield did — each link's verdict and
// reason, each message's verdict and scam categories, a click on a dangerous link, a visit to
// the fake login page — with screenshots in out/demo/.
//
// With a display (and not in CI) the browser window stays open until it is closed; without one
// the demo runs headless and exits. The verdicts come from the page (the attributes the
// extension set); for safe links, which the extension leaves unmarked, the reason is the
// engine's own (the same pkg/, loaded in Node) and says so.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { OUT, ROOT, startHarness } from '../lib/harness.mjs';
import { FAKE_LOGINS, INBOX_URL, serveDemo } from './demo.mjs';

const SHOTS = join(OUT, 'demo');
const headless = !process.env.DISPLAY || !!process.env.CI || process.env.SELLERSHIELD_HEADLESS === '1';

function pad(s, n) {
  s = String(s);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

async function nodeEngine() {
  try {
    const ss = await import(pathToFileURL(join(ROOT, 'pkg', 'sellershield.js')).href);
    ss.initSync({ module: readFileSync(join(ROOT, 'pkg', 'sellershield_bg.wasm')) });
    return new ss.Engine({});
  } catch {
    return null;
  }
}

async function main() {
  const engine = await nodeEngine();
  const h = await startHarness({ name: 'demo', headless });
  serveDemo(h.server);
  const b = h.browser;
  const shots = [];
  try {
    console.log(`SellerShield demo: ${INBOX_URL}`);
    console.log(`  served from this machine (${h.server.mode} mode), Chromium ${headless ? 'headless' : 'with a window'}, extension ${b.extensionId}`);

    const inbox = await b.open(INBOX_URL, { wait: { links: 1 } });
    // The adapter judges messages in one batch; wait for all of them (or give up quietly).
    const total = await inbox.locator('[data-msg-id]').count();
    await b.waitForSellerShield(inbox, { messages: total, timeout: 5000 }).catch(() => {});
    const marks = await b.marks(inbox);
    const meta = await inbox.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('[data-msg-id]')].map((m) => [
          m.getAttribute('data-msg-id'),
          {
            sender: m.querySelector('.sender-name')?.textContent.trim() ?? '',
            subject: m.querySelector('.msg-subject')?.textContent.trim() ?? '',
          },
        ]),
      ),
    );

    console.log('\nLinks (what the extension marked)');
    console.log(`  ${pad('VERDICT', 8)} ${pad('LINK', 58)} WHY`);
    for (const l of marks.links) {
      let why = l.mark;
      if (!why && engine) {
        const r = engine.checkUrl(l.href, l.text, 'alibaba');
        why = `${r.reasons[0]?.message ?? 'no reason given'} (engine's reason; safe links are not marked)`;
      }
      console.log(`  ${pad(l.verdict, 8)} ${pad(l.href, 58)} ${why ?? ''}`);
    }
    if (!marks.links.length) console.log('  (no link was judged)');

    console.log('\nMessages');
    for (const m of marks.messages) {
      const info = meta[m.id] ?? { sender: '', subject: '' };
      const cats = m.categories.length ? ` [${m.categories.join(', ')}]` : '';
      console.log(`  ${pad(m.id ?? '-', 5)} ${pad(m.verdict, 8)} ${pad(`${info.sender}: ${info.subject}`, 60)}${cats}`);
      if (m.banner) console.log(`        banner: ${m.banner.label ?? m.banner.text.slice(0, 120)}`);
    }
    if (!marks.messages.length) console.log('  (no message was judged: does data/adapters/alibaba.json match the demo markup?)');
    shots.push(await b.screenshot(inbox, 'inbox', SHOTS));

    // A click on a dangerous link is stopped with a dialog naming the real destination.
    const danger = marks.links.find((l) => l.verdict === 'danger');
    console.log('\nClicking a dangerous link');
    if (danger) {
      await inbox.locator(`a[href="${danger.href.replace(/"/g, '\\"')}"]`).first().click();
      await inbox.waitForSelector('sellershield-dialog', { state: 'attached', timeout: 5000 }).catch(() => {});
      const after = await b.marks(inbox);
      if (after.dialog) console.log(`  stopped: ${after.dialog.text.slice(0, 300)}`);
      else console.log(`  not stopped (page is now ${inbox.url()})`);
      shots.push(await b.screenshot(inbox, 'link-dialog', SHOTS));
    } else {
      console.log('  (no link was marked danger, so there is nothing to stop)');
    }

    // Going to the fake login page directly: blocked before it loads, or guarded once loaded.
    const { host, path } = FAKE_LOGINS[0];
    const url = h.server.url(host, path);
    console.log(`\nOpening the fake login page ${url}`);
    const login = await b.context.newPage();
    await login.goto(url).catch(() => {});
    await login
      .waitForFunction(() => location.protocol === 'chrome-extension:' || document.documentElement.hasAttribute('data-sellershield-page'), null, { timeout: 8000 })
      .catch(() => {});
    await login.waitForLoadState('load').catch(() => {});
    if (login.url().startsWith('chrome-extension://')) {
      console.log(`  blocked before loading: ${new URL(login.url()).pathname}`);
    } else {
      const pm = await b.marks(login);
      if (pm.guard) console.log(`  guarded: <sellershield-guard data-verdict="${pm.guard.verdict}"> ${pm.guard.text.slice(0, 200)}`);
      else console.log(`  page verdict: ${pm.pageVerdict ?? 'none reported'} (no block)`);
    }
    shots.push(await b.screenshot(login, 'fake-login', SHOTS));

    for (const p of ['popup.html', 'options.html']) {
      const page = await b.extensionPage(p);
      await page.waitForLoadState('load').catch(() => {});
      shots.push(await b.screenshot(page, p.replace('.html', ''), SHOTS));
    }

    const stray = h.server.stray().filter((r) => !/(^|\.)(google\.com|googleapis\.com)$/.test(r.host));
    console.log(`\nRequests: ${h.server.requests.length} reached the local server, ${stray.length} for anything but the demo's pages (Chromium's own update/account checks aside)`);
    console.log(`Screenshots:\n${shots.map((s) => `  ${s.slice(ROOT.length + 1)}`).join('\n')}`);

    if (!headless) {
      console.log('\nThe browser stays open: close its window to end the demo.');
      await new Promise((resolve) => h.browser.context.once('close', resolve));
    }
  } finally {
    await h.close();
  }
}

main().catch((e) => {
  console.error(`demo: ${e.message}`);
  process.exit(1);
});
