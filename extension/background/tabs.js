// What the service worker knows about each tab: where it is, how it was opened, and what
// SellerShield found there (for the badge and the popup).
//
// A Manifest V3 service worker is stopped when idle and loses its memory, so the state is
// mirrored into chrome.storage.session (kept for the browser session, never on disk) and
// read back when the worker wakes.

const tabs = new Map();
let restored = null;
let saveTimer = 0;

function fresh(url) {
  return {
    url: url || '',
    ctx: null,
    // Platform id whose inbox opened this tab's page (openedFromInbox of PageFacts).
    openedFromInbox: null,
    // Set in onBeforeNavigate, moved to openedFromInbox when the navigation commits.
    pendingFrom: null,
    inboxInjected: false,
    counts: { messages: 0, danger: 0, caution: 0, links: 0, blocked: 0 },
    page: null, // the credential-guard verdict of the top page: allow | warn | block
  };
}

/** Reads the states saved before the worker was last stopped. */
export function restore() {
  if (!restored) {
    restored = chrome.storage.session
      .get('tabs')
      .then((got) => {
        for (const [id, st] of Object.entries(got.tabs || {})) if (!tabs.has(Number(id))) tabs.set(Number(id), st);
      })
      .catch(() => {});
  }
  return restored;
}

function persist() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    chrome.storage.session.set({ tabs: Object.fromEntries(tabs) }).catch(() => {});
  }, 200);
}

export function tab(id) {
  let st = tabs.get(id);
  if (!st) {
    st = fresh('');
    tabs.set(id, st);
  }
  return st;
}

/** A new document in the tab's top frame: findings of the last page are gone. */
export function reset(id, url, ctx) {
  const old = tabs.get(id);
  const st = fresh(url);
  st.ctx = ctx;
  st.openedFromInbox = old ? old.pendingFrom : null;
  tabs.set(id, st);
  persist();
  badge(id);
  return st;
}

export function forget(id) {
  tabs.delete(id);
  persist();
}

export function changed(id) {
  persist();
  badge(id);
}

/** The badge counts the warnings on the tab: messages with a banner and blocked pages. */
export function badge(id) {
  const st = tabs.get(id);
  const c = st ? st.counts : null;
  const n = c ? c.danger + c.caution + c.blocked : 0;
  const red = c && (c.danger > 0 || c.blocked > 0);
  chrome.action.setBadgeText({ tabId: id, text: n ? String(n) : '' }).catch(() => {});
  chrome.action.setBadgeBackgroundColor({ tabId: id, color: red ? '#c5221f' : '#b06000' }).catch(() => {});
}
