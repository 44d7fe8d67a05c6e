// The first feature end to end, in real Chromium with dist/ loaded: on the demo inbox served as
// message.alibaba.com, each link in a message carries the engine's verdict in
// `data-sellershield-verdict` — safe on the genuine platform, caution when it leaves it, danger
// when it imitates it — and every link that is not safe gets a visible mark.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startHarness } from './lib/harness.mjs';
import { EXPECTED_LINKS, INBOX_URL, serveDemo } from './demo/demo.mjs';

let h;
let marks;

before(async () => {
  h = await startHarness({ name: 'link-marks' });
  serveDemo(h.server);
  const page = await h.browser.open(INBOX_URL, { wait: { links: EXPECTED_LINKS.length } });
  marks = await h.browser.marks(page);
  await h.browser.screenshot(page, 'link-marks');
});

after(async () => {
  await h?.close();
});

function linkTo(host) {
  const found = marks.links.filter((l) => new URL(l.href).hostname === host);
  assert.equal(found.length, 1, `one judged link to ${host}; judged links: ${JSON.stringify(marks.links.map((l) => l.href))}`);
  return found[0];
}

test('served under the real host name, with no port in the URL', () => {
  assert.equal(new URL(INBOX_URL).port, '');
  assert.ok(h.server.requests.some((r) => r.host === 'message.alibaba.com' && r.path === '/message/default.htm' && r.status === 200));
});

test('a link to www.alibaba.com is safe and carries no warning mark', () => {
  const l = linkTo('www.alibaba.com');
  assert.equal(l.verdict, 'safe');
  assert.equal(l.mark, null, 'safe links are left alone');
});

test("a buyer's own website is caution, marked as leaving the platform", () => {
  const l = linkTo('www.ferreteria-andina.cl');
  assert.equal(l.verdict, 'caution');
  assert.ok(l.mark, 'a caution link gets a mark');
});

for (const e of EXPECTED_LINKS.filter((x) => x.verdict === 'danger')) {
  test(`a lookalike login host is danger: ${e.host} (${e.why})`, () => {
    const l = linkTo(e.host);
    assert.equal(l.verdict, 'danger', `mark: ${l.mark}`);
    assert.ok(l.mark, 'a danger link gets a mark');
  });
}

test('in-page links ("#reply") are not judged', () => {
  assert.ok(marks.links.every((l) => !l.href.includes('#reply')), JSON.stringify(marks.links.map((l) => l.href)));
});

test("hovering a danger link's mark shows why and where it goes", async () => {
  const page = await h.browser.open(INBOX_URL, { wait: { links: EXPECTED_LINKS.length } });
  const host = EXPECTED_LINKS.find((x) => x.verdict === 'danger').host;
  const mark = page.locator(`a[href*="${host}"] + sellershield-mark`).first();
  await mark.scrollIntoViewIfNeeded();
  const box = await mark.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // The tooltip is built on first hover, inside the mark's closed shadow root: read it through CDP.
  const cdp = await page.context().newCDPSession(page);
  let tip = null;
  for (let i = 0; i < 20 && !tip; i++) {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (n) => {
      if (n.localName === 'span' && (n.attributes ?? []).includes('tip')) return n;
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    };
    const node = find(root);
    if (node) tip = (await cdp.send('DOM.getOuterHTML', { nodeId: node.nodeId })).outerHTML.replace(/<[^>]+>/g, ' ');
    else await page.waitForTimeout(100);
  }
  assert.ok(tip, 'a tooltip appears');
  assert.match(tip, /Dangerous link/);
  assert.ok(tip.includes(host), `names the destination: ${tip}`);
  await page.close();
});
