// SellerShield's service worker: hosts the one engine and answers everyone else.
//
// Content scripts gather facts from pages (links, message text, login forms, typed
// characters) and ask here in batches; the engine decides; the answer goes back to be drawn.
// This worker also guards top-level navigations (a lookalike host never gets to render),
// remembers how each tab was opened (a page opened from an inbox link is judged more
// strictly), keeps the badge counts and serves the popup, options and blocked pages.
// Nothing here talks to the network: the engine's wasm and the locale files are read from
// the extension package.
//
// Listeners are registered synchronously at the top level, as Manifest V3 requires for a
// worker that is woken by events; each handler awaits the engine it needs.

import { getEngine, prepareMessages, reload, validate, engineVersion, timing } from './background/engine.js';
import * as store from './background/settings.js';
import { strings } from './background/strings.js';
import * as tabs from './background/tabs.js';
import * as inbox from './background/inbox.js';

const EXTENSION_ORIGIN = chrome.runtime.getURL('');
const INBOX_SCRIPTS = ['content/common.js', 'content/inbox.js'];
/** How long a click on an inbox link counts as the origin of the navigation that follows. */
const CLICK_WINDOW_MS = 120_000;

/** Recent clicks on message links: the next navigation to that URL was opened from the inbox. */
const recentClicks = [];

// --- helpers ------------------------------------------------------------------------------

function hostOf(url) {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

function isWeb(url) {
  return /^https?:\/\//i.test(url || '');
}

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The id that remembers "This is not a scam" for a message: its platform and text, hashed. */
async function messageId(platform, text) {
  return (await sha256Hex(`${platform || ''}\n${text}`)).slice(0, 32);
}

const platformIndex = new WeakMap();

/** {id, name, domain} of a platform id (the engine's list, read once per engine). */
function platformInfo(engine, id) {
  if (!id) return null;
  if (!platformIndex.has(engine)) platformIndex.set(engine, new Map(engine.platforms().map((p) => [p.id, p])));
  const p = platformIndex.get(engine).get(id);
  return p ? { id: p.id, name: p.name, domain: p.domain } : { id, name: id, domain: id };
}

/**
 * The inbox adapter of a platform (data/adapters/<id>.json, copied to adapters/ in the
 * package): its layouts, each a set of selectors. No adapter means the generic one.
 */
const adapterCache = new Map();
async function adapterLayouts(platform) {
  if (!platform || !/^[a-z0-9-]+$/.test(platform)) return [];
  if (!adapterCache.has(platform)) {
    let layouts = [];
    try {
      const res = await fetch(chrome.runtime.getURL(`adapters/${platform}.json`));
      const data = await res.json();
      layouts = (Array.isArray(data.layouts) ? data.layouts : []).filter((l) => l && typeof l.message === 'string' && l.message.trim());
      layouts = layouts.map((l) => {
        const pick = (k) => (typeof l[k] === 'string' && l[k].trim() ? l[k] : null);
        return { name: pick('name') || 'layout', message: l.message, text: pick('text'), links: pick('links'), sender: pick('sender'), exclude: pick('exclude') };
      });
    } catch {
      // No adapter file for this platform: the generic adapter judges the page.
    }
    adapterCache.set(platform, layouts);
  }
  return adapterCache.get(platform);
}

function isPaused(settings, url) {
  const h = hostOf(url);
  return !!h && settings.paused.includes(h);
}

function takeClick(url) {
  const now = Date.now();
  while (recentClicks.length && now - recentClicks[0].t > CLICK_WINDOW_MS) recentClicks.shift();
  const i = recentClicks.findIndex((c) => c.url === url || c.url.split('#')[0] === url.split('#')[0]);
  if (i < 0) return null;
  return recentClicks.splice(i, 1)[0].platform;
}

/**
 * Builds the message lexicon in a task of its own (so it does not hold back the answer or the
 * injection in hand); a no-op once it is built.
 */
function prepareMessagesSoon() {
  setTimeout(() => prepareMessages().catch((e) => console.error('SellerShield lexicon', e)), 0);
}

async function injectInbox(tabId) {
  const st = tabs.tab(tabId);
  if (st.inboxInjected) return;
  st.inboxInjected = true;
  try {
    await chrome.scripting.executeScript({ target: { tabId }, files: INBOX_SCRIPTS });
  } catch (e) {
    // The tab may have navigated away or be a page extensions cannot script.
    st.inboxInjected = false;
    console.warn('SellerShield: inbox script not injected', e && e.message);
  }
}

/** A top-level page committed (or an inbox app changed its URL): learn where the tab is. */
async function visit(tabId, url, { newDocument }) {
  if (tabId < 0) return;
  await tabs.restore();
  if (!isWeb(url)) {
    if (newDocument) tabs.reset(tabId, url, null);
    return;
  }
  const { engine, settings } = await getEngine();
  const ctx = engine.pageContext(url);
  let st;
  if (newDocument) {
    st = tabs.reset(tabId, url, ctx);
  } else {
    st = tabs.tab(tabId);
    st.url = url;
    st.ctx = ctx;
    tabs.changed(tabId);
  }
  if (ctx.inbox && !isPaused(settings, url)) {
    // The page's messages will be judged once it has loaded: build the lexicon now, while it
    // loads, rather than when the inbox script starts and the first batch would wait for it.
    if (newDocument) prepareMessagesSoon();
    await injectInbox(tabId);
  }
}

// --- navigation guard ---------------------------------------------------------------------
//
// webNavigation.onBeforeNavigate + tabs.update rather than declarativeNetRequest: the engine
// judges every top-level navigation (typed, pasted, from a mail client), not only hosts it
// flagged earlier; a redirect to an extension page would have to be web-accessible, which
// lets any site frame or probe it; and it needs no permission beyond webNavigation. The
// request may leave before the tab is redirected, but the page never renders: the
// credential guard stays as a second line on pages that slip through.

async function onBeforeNavigate(d) {
  if (d.frameId !== 0 || d.tabId < 0 || !isWeb(d.url)) return;
  await tabs.restore();
  const st = tabs.tab(d.tabId);
  const clicked = takeClick(d.url);
  st.pendingFrom = clicked || (st.ctx && st.ctx.inbox ? st.ctx.platform : null);
  await blockIfImpersonating(d.tabId, d.url);
}

/** Sends the tab to blocked.html when `url`'s host impersonates a protected platform. */
async function blockIfImpersonating(tabId, url) {
  const { engine } = await getEngine();
  const report = engine.checkUrl(url, undefined, undefined);
  if (report.verdict === 'danger' && report.impersonates) {
    const target = chrome.runtime.getURL('blocked.html') + '?' + new URLSearchParams({ url });
    await chrome.tabs.update(tabId, { url: target }).catch(() => {});
    return true;
  }
  return false;
}

chrome.webNavigation.onBeforeNavigate.addListener((d) => {
  onBeforeNavigate(d).catch((e) => console.error('SellerShield navigation guard', e));
});

chrome.webNavigation.onCreatedNavigationTarget.addListener((d) => {
  // A link opened in a new tab: the new tab inherits "opened from inbox" from its source.
  tabs.restore().then(() => {
    const src = tabs.tab(d.sourceTabId);
    const platform = takeClick(d.url) || (src.ctx && src.ctx.inbox ? src.ctx.platform : null);
    if (platform) tabs.tab(d.tabId).pendingFrom = platform;
  });
});

chrome.webNavigation.onCommitted.addListener((d) => {
  if (d.frameId !== 0) return;
  // The second line of the navigation guard: a worker that was starting (or asleep) when the
  // navigation began can see onBeforeNavigate too late to stop it, and the page commits. It
  // is judged again here, and sent to blocked.html before the seller can use it (the
  // credential guard covers its forms in the meantime).
  const judged = isWeb(d.url) && d.tabId >= 0 ? blockIfImpersonating(d.tabId, d.url) : Promise.resolve(false);
  judged
    .then((stopped) => stopped || visit(d.tabId, d.url, { newDocument: true }))
    .catch((e) => console.error('SellerShield', e));
});

for (const ev of [chrome.webNavigation.onHistoryStateUpdated, chrome.webNavigation.onReferenceFragmentUpdated]) {
  ev.addListener((d) => {
    if (d.frameId !== 0) return;
    visit(d.tabId, d.url, { newDocument: false }).catch((e) => console.error('SellerShield', e));
  });
}

chrome.tabs.onRemoved.addListener((id) => tabs.forget(id));

// --- install, upgrade, startup ------------------------------------------------------------

async function scanOpenTabs() {
  const all = await chrome.tabs.query({});
  for (const t of all) if (t.id >= 0 && isWeb(t.url)) await visit(t.id, t.url, { newDocument: true }).catch(() => {});
}

chrome.runtime.onInstalled.addListener((details) => {
  // An upgrade keeps every setting: migrate() only normalises what is stored.
  store
    .migrate(details.reason)
    .then(() => reload())
    .then(scanOpenTabs)
    .catch((e) => console.error('SellerShield install', e));
});

chrome.runtime.onStartup.addListener(() => {
  getEngine().catch((e) => console.error('SellerShield start', e));
});

// --- content-script questions --------------------------------------------------------------

const fromContent = {
  /** The inbox script starts: which adapter, in which language, is the site paused? */
  async 'inbox:start'(msg, sender) {
    const { engine, settings } = await getEngine();
    const url = sender.url || sender.tab.url;
    const ctx = engine.pageContext(url);
    // Messages are coming. The lexicon was most likely built when the page committed; a worker
    // restarted since (or an inbox reached without a new document) builds it now, while the page
    // gathers them.
    if (!isPaused(settings, url)) prepareMessagesSoon();
    return {
      ctx,
      paused: isPaused(settings, url),
      platform: platformInfo(engine, ctx.platform),
      layouts: await adapterLayouts(ctx.platform),
      strings: msg.strings ? (await strings(settings.language)).table : undefined,
    };
  },

  /**
   * A batch of new messages from an inbox page, as JSON text. The engine judges it in the
   * page's platform and writes the answer the page draws from, which goes back as it is (see
   * background/inbox.js); the worker adds which messages were dismissed and counts.
   */
  async 'inbox:check'(msg, sender) {
    // Epoch times (timeOrigin + now), comparable with the page's clock: the benchmark splits
    // the ask into messaging, the worker's own work and the engine.
    const at = () => performance.timeOrigin + performance.now();
    const recvAt = at();
    const { engine, settings } = await getEngine();
    const url = sender.url || sender.tab.url;
    if (isPaused(settings, url)) return { paused: true };
    if (typeof msg.messages !== 'string') throw new Error('inbox:check: messages must be JSON text');
    const platform = engine.pageContext(url).platform || undefined;
    // Read while the engine works; cached after the first batch.
    const dismissedRead = store.dismissedIds();
    const engineAt = at();
    const { verdicts, markedLinks, answer } = engine.checkInbox(msg.messages, platform);
    const engineEndAt = at();
    // Only a flagged message can be dismissed ("This is not a scam"), and only when the seller
    // dismissed something are the texts hashed to look them up.
    const dismissed = await inbox.dismissedOf(verdicts, msg.messages, (text) => messageId(platform, text), await dismissedRead);
    inbox.tally(tabs.tab(sender.tab.id).counts, verdicts, markedLinks, dismissed);
    tabs.changed(sender.tab.id);
    return { answer, dismissed, platform: platformInfo(engine, platform), timing: { recvAt, engineAt, engineEndAt, sentAt: at() } };
  },

  /** The seller clicked a link in a message: the page it opens was opened from the inbox. */
  async 'inbox:click'(msg, sender) {
    const { engine } = await getEngine();
    const platform = engine.pageContext(sender.url || sender.tab.url).platform;
    if (platform && typeof msg.url === 'string') recentClicks.push({ url: msg.url, platform, t: Date.now() });
    return { ok: true };
  },

  /** "This is not a scam" (or its undo) for the message with this text. */
  async 'inbox:dismiss'(msg, sender) {
    if (typeof msg.text !== 'string') throw new Error('no message text');
    const { engine } = await getEngine();
    const platform = engine.pageContext(sender.url || sender.tab.url).platform || undefined;
    await store.setDismissed(await messageId(platform, msg.text), !!msg.on);
    const st = tabs.tab(sender.tab.id);
    const key = msg.verdict === 'danger' ? 'danger' : 'caution';
    st.counts[key] = Math.max(0, st.counts[key] + (msg.on ? -1 : 1));
    tabs.changed(sender.tab.id);
    return { ok: true };
  },

  /** A page with a password, one-time-code or card field: is it a fake login? */
  async 'page:check'(msg, sender) {
    const { engine, settings } = await getEngine();
    await tabs.restore();
    const facts = msg.facts || {};
    const st = tabs.tab(sender.tab.id);
    facts.url = String(facts.url || sender.url || '');
    facts.topFrame = sender.frameId === 0;
    facts.openedFromInbox = st.openedFromInbox || null;
    const ctx = engine.pageContext(facts.url);
    const report = engine.checkPage(facts);
    if (sender.frameId === 0) st.page = report.verdict;
    if (report.verdict === 'block') {
      st.counts.blocked++;
    }
    tabs.changed(sender.tab.id);
    const show = report.verdict === 'block' || (report.verdict === 'warn' && !isPaused(settings, facts.url));
    return {
      report,
      ctx,
      impersonates: platformInfo(engine, report.impersonates),
      enroll: settings.reuseWatch && ctx.login && !!ctx.platform,
      strings: show || (settings.reuseWatch && ctx.login) ? (await strings(settings.language)).table : undefined,
    };
  },

  /** The rolling buffer of typed characters on a page that is not a genuine platform page. */
  async 'page:typed'(msg, sender) {
    const { engine, settings } = await getEngine();
    const url = sender.url || '';
    const ctx = engine.pageContext(url);
    if (!settings.reuseWatch || ctx.genuine || ctx.trusted) return { stop: true };
    const fps = await store.loadFingerprints();
    if (!fps.length) return { stop: true };
    const buffer = String(msg.buffer || '').slice(-128);
    const platform = engine.checkTyped(buffer, fps);
    if (!platform) return { match: null };
    tabs.tab(sender.tab.id).counts.blocked++;
    tabs.changed(sender.tab.id);
    return { match: platformInfo(engine, platform), strings: (await strings(settings.language)).table };
  },

  /** A password submitted on a genuine login page: remember its fingerprint (opt-in). */
  async 'page:enroll'(msg, sender) {
    const { engine, settings } = await getEngine();
    const ctx = engine.pageContext(sender.url || '');
    // The platform comes from the engine's view of the page, never from the page itself.
    if (!settings.reuseWatch || !ctx.login || !ctx.platform) return { enrolled: false };
    const fp = engine.enrollPassword(String(msg.password || ''), await store.salt(), ctx.platform);
    fp.added = Date.now();
    const fps = await store.loadFingerprints();
    const known = fps.some((f) => f.platform === fp.platform && f.hash === fp.hash && f.salt === fp.salt && f.length === fp.length);
    if (!known) await store.saveFingerprints([...fps, fp]);
    return { enrolled: !known, platform: platformInfo(engine, ctx.platform) };
  },

  /** An answer on the password-reuse warning. */
  async 'page:answer'(msg, sender) {
    const { engine } = await getEngine();
    if (msg.answer === 'changed' && typeof msg.platform === 'string') {
      // The old password is no longer the platform's: its fingerprint would only cause alarms.
      const fps = await store.loadFingerprints();
      await store.saveFingerprints(fps.filter((f) => f.platform !== msg.platform));
      return { ok: true };
    }
    if (msg.answer === 'mine') {
      const host = hostOf(sender.url || '');
      if (!host) throw new Error('no site to trust');
      return trustHost(engine, host);
    }
    throw new Error('unknown answer');
  },
};

async function trustHost(engine, host) {
  const settings = await store.loadSettings();
  if (!settings.trustedDomains.includes(host)) {
    const next = { ...settings, trustedDomains: [...settings.trustedDomains, host] };
    const err = await validate(store.engineConfig(next));
    if (err) return { ok: false, error: err };
    await store.saveSettings(next);
  }
  await reload();
  return { ok: true };
}

// --- extension pages (popup, options, blocked page) -----------------------------------------

const fromPages = {
  async 'ui:strings'() {
    const { settings } = await getEngine();
    return strings(settings.language);
  },

  async 'ui:tabState'(msg) {
    await tabs.restore();
    const t = await chrome.tabs.get(msg.tabId);
    const { engine, settings } = await getEngine();
    const st = tabs.tab(msg.tabId);
    const ctx = isWeb(t.url) ? engine.pageContext(t.url) : null;
    return {
      url: t.url || '',
      host: hostOf(t.url),
      web: isWeb(t.url),
      ctx,
      platform: ctx ? platformInfo(engine, ctx.platform) : null,
      counts: st.counts,
      page: st.page,
      openedFromInbox: st.openedFromInbox,
      paused: isPaused(settings, t.url),
    };
  },

  async 'ui:pause'(msg) {
    const host = hostOf(msg.url);
    if (!host) throw new Error('this page has no site to pause');
    const s = await store.loadSettings();
    const paused = new Set(s.paused);
    if (msg.paused) paused.add(host);
    else paused.delete(host);
    await store.saveSettings({ ...s, paused: [...paused] });
    await reload();
    return { ok: true, paused: !!msg.paused };
  },

  async 'ui:settings'() {
    const { engine, settings, problems, startMs } = await getEngine();
    const fps = await store.loadFingerprints();
    return {
      settings,
      problems,
      platforms: engine.platforms(),
      fingerprints: fps.map((f, i) => ({ index: i, platform: platformInfo(engine, f.platform), added: f.added || null })),
      version: await engineVersion(),
      extensionVersion: chrome.runtime.getManifest().version,
      startMs,
      wasmMs: timing.compileMs + timing.instantiateMs,
    };
  },

  /** Saves settings after the engine validated them; refuses with the engine's message. */
  async 'ui:saveSettings'(msg) {
    const shapeErr = store.importShapeError(msg.settings);
    if (shapeErr) return { ok: false, error: shapeErr };
    // An import replaces everything; a change from the options page replaces what it names.
    const next = store.normalize(msg.replace ? msg.settings : { ...(await store.loadSettings()), ...msg.settings });
    const err = await validate(store.engineConfig(next));
    if (err) return { ok: false, error: err };
    const saved = await store.saveSettings(next);
    await reload();
    return { ok: true, settings: saved };
  },

  async 'ui:removeFingerprint'(msg) {
    const fps = await store.loadFingerprints();
    await store.saveFingerprints(fps.filter((_, i) => i !== msg.index));
    return { ok: true };
  },

  async 'ui:export'() {
    return store.exportSettings();
  },

  async 'ui:clearAll'() {
    await store.clearAll();
    await reload();
    return { ok: true };
  },

  /** What the blocked page shows: the engine's report and the platform imitated. */
  async 'ui:blockedInfo'(msg) {
    const { engine } = await getEngine();
    const report = engine.checkUrl(String(msg.url || ''), undefined, undefined);
    return { report, platform: platformInfo(engine, report.impersonates), host: hostOf(msg.url) };
  },

  /** "Continue anyway": trust the host (undoable in the options), then go there. */
  async 'ui:continue'(msg, sender) {
    const { engine } = await getEngine();
    const host = hostOf(msg.url);
    if (!host || !isWeb(msg.url)) throw new Error('not a web address');
    const res = await trustHost(engine, host);
    if (!res.ok) return res;
    const tabId = sender.tab ? sender.tab.id : msg.tabId;
    await chrome.tabs.update(tabId, { url: msg.url });
    return { ok: true };
  },

  /**
   * Start timings, for the benchmark. `prepareMessages: true` then builds the lexicon as an
   * inbox page would (after the start numbers are taken) and reports its build (lexiconMs).
   */
  async 'ui:stats'(msg) {
    const t0 = performance.now();
    const cur = await getEngine();
    const readyMs = performance.now() - t0;
    const { startMs, lexiconMs } = msg && msg.prepareMessages ? await prepareMessages() : cur;
    return { startMs, lexiconMs, wasmMs: timing.compileMs + timing.instantiateMs, ...timing, readyMs };
  },
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const type = msg && msg.type;
  const isPage = sender.id === chrome.runtime.id && (sender.url || '').startsWith(EXTENSION_ORIGIN);
  // Pages of the extension may change settings; content scripts (which run inside web pages)
  // may only ask questions about their own page.
  const handler = isPage ? fromPages[type] : sender.tab ? fromContent[type] : undefined;
  if (!handler) {
    sendResponse({ failure: `unknown request ${type}` });
    return false;
  }
  // A thrown error travels as `failure`; `{ok: false, error}` is an ordinary answer (a refused
  // setting) that the page shows.
  handler(msg, sender).then(sendResponse, (e) => sendResponse({ failure: String((e && e.message) || e) }));
  return true;
});

// Warm the engine as soon as the worker starts, so the first question is answered fast.
getEngine().catch((e) => console.error('SellerShield engine', e));
