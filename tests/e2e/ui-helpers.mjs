// Helpers for the UI end-to-end tests (tests/e2e/ui-*.test.mjs).
//
// SellerShield draws its UI in closed shadow roots, which page scripts and Playwright's
// selectors cannot enter — that is the point. The tests therefore act like a person: they
// find a button through the DevTools protocol (DOM with `pierce`), scroll it into view and
// click its centre with the mouse, so what is tested is what a seller can actually click.

import { startHarness } from './lib/harness.mjs';

/** Starts the fixture server and Chromium with the extension; `pages` maps host -> {path: html}. */
export async function start(name, pages = {}) {
  const h = await startHarness({ name });
  for (const [host, paths] of Object.entries(pages)) {
    for (const [path, html] of Object.entries(paths)) h.server.serveText(host, path, html);
  }
  return h;
}

/** A minimal HTML document. */
export function html(title, body, head = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
}

function attrsOf(n) {
  const o = {};
  for (let i = 0; i + 1 < (n.attributes?.length ?? 0); i += 2) o[n.attributes[i]] = n.attributes[i + 1];
  return o;
}

function textOf(n) {
  let out = '';
  const walk = (x) => {
    if (x.nodeType === 3) out += x.nodeValue;
    if (x.localName === 'style' || x.localName === 'script') return;
    for (const s of x.shadowRoots ?? []) walk(s);
    for (const c of x.children ?? []) walk(c);
  };
  walk(n);
  return out.replace(/\s+/g, ' ').trim();
}

/** Every node of the document (frames and shadow roots included), depth first. */
async function allNodes(cdp) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const out = [];
  const walk = (n, host) => {
    out.push({ node: n, host });
    for (const s of n.shadowRoots ?? []) walk(s, n);
    for (const c of n.children ?? []) walk(c, host);
    if (n.contentDocument) walk(n.contentDocument, host);
  };
  walk(root, null);
  return out;
}

/** The visible text of every `<tag>` element SellerShield drew (through its shadow root). */
export async function shadowTexts(page, tag) {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await allNodes(cdp)).filter(({ node }) => node.localName === tag).map(({ node }) => ({ attrs: attrsOf(node), text: textOf(node) }));
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Clicks the `<button>` whose text contains `label`, inside the n-th `<hostTag>` SellerShield
 * drew. Throws when there is none: a test must fail if the button is missing.
 */
export async function clickInShadow(page, hostTag, label, { nth = 0 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodes = await allNodes(cdp);
    const hosts = nodes.filter(({ node }) => node.localName === hostTag).map(({ node }) => node);
    const host = hosts[nth];
    if (!host) throw new Error(`no <${hostTag}> #${nth} on the page`);
    const inside = [];
    const walk = (x) => {
      if (x.localName === 'button' && textOf(x).includes(label)) inside.push(x);
      for (const s of x.shadowRoots ?? []) walk(s);
      for (const c of x.children ?? []) walk(c);
    };
    walk(host);
    if (!inside.length) throw new Error(`no button "${label}" in <${hostTag}>: ${textOf(host)}`);
    const { nodeId } = inside[0];
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const q = model.border;
    const x = (q[0] + q[2] + q[4] + q[6]) / 4;
    const y = (q[1] + q[3] + q[5] + q[7]) / 4;
    await page.mouse.click(x, y);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Waits until `fn` (polled in the test, not the page) returns a truthy value. */
export async function until(fn, what, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
