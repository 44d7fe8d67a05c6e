// The seller's settings and the extension's own stored data, in one place.
//
// Everything lives in chrome.storage.local under a few keys, so that an upgrade (a new
// version of the extension) finds them untouched and export/import is one object. The engine
// sees only the `config` part (platforms, protectedDomains, trustedDomains); the rest is UI
// state. Values are normalised on every read because storage can hold anything an older
// version or an import wrote.

/** Bumped when the stored shape changes; `migrate` upgrades older shapes in place. */
export const SCHEMA = 1;

export const DEFAULTS = Object.freeze({
  schema: SCHEMA,
  /** Platform ids to protect; null = every platform the engine knows. */
  platforms: null,
  protectedDomains: [],
  trustedDomains: [],
  /** 'auto' follows the browser's language. */
  language: 'auto',
  /** Password-reuse protection is opt-in: it needs the seller's consent to fingerprint. */
  reuseWatch: false,
  /** Hosts where the seller paused SellerShield from the popup. */
  paused: [],
});

export const LANGUAGES = ['auto', 'en', 'zh_CN'];

/** Keys of chrome.storage.local. */
export const KEY = Object.freeze({
  settings: 'settings',
  salt: 'salt',
  fingerprints: 'fingerprints',
  dismissed: 'dismissed',
  // Read by content scripts without waking the service worker: is reuse watching on?
  reuseOn: 'reuseOn',
});

/** How many "this is not a scam" answers are remembered (oldest dropped first). */
const MAX_DISMISSED = 2000;

function stringList(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string').map((x) => x.trim()).filter(Boolean) : [];
}

/** Fills in defaults and drops values of the wrong type. Never throws. */
export function normalize(raw) {
  const s = raw && typeof raw === 'object' ? raw : {};
  return {
    schema: SCHEMA,
    platforms: Array.isArray(s.platforms) ? stringList(s.platforms) : null,
    protectedDomains: stringList(s.protectedDomains),
    trustedDomains: stringList(s.trustedDomains),
    language: LANGUAGES.includes(s.language) ? s.language : 'auto',
    reuseWatch: s.reuseWatch === true,
    paused: stringList(s.paused).map((h) => h.toLowerCase()),
  };
}

/** The part of the settings the engine is built from (the engine's Config JSON). */
export function engineConfig(s) {
  const c = { protectedDomains: s.protectedDomains, trustedDomains: s.trustedDomains };
  if (Array.isArray(s.platforms)) c.platforms = s.platforms;
  return c;
}

export async function loadSettings() {
  const got = await chrome.storage.local.get(KEY.settings);
  return normalize(got[KEY.settings]);
}

export async function saveSettings(s) {
  const clean = normalize(s);
  const fps = await loadFingerprints();
  await chrome.storage.local.set({ [KEY.settings]: clean, [KEY.reuseOn]: clean.reuseWatch && fps.length > 0 });
  return clean;
}

/** The per-install salt for password fingerprints: 16 random bytes, made once, never changed. */
export async function salt() {
  const got = await chrome.storage.local.get(KEY.salt);
  if (typeof got[KEY.salt] === 'string' && /^[0-9a-f]{32,}$/.test(got[KEY.salt])) return got[KEY.salt];
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  await chrome.storage.local.set({ [KEY.salt]: hex });
  return hex;
}

export async function loadFingerprints() {
  const got = await chrome.storage.local.get(KEY.fingerprints);
  const list = got[KEY.fingerprints];
  return Array.isArray(list) ? list.filter((f) => f && typeof f.platform === 'string' && typeof f.hash === 'string') : [];
}

export async function saveFingerprints(list) {
  const s = await loadSettings();
  await chrome.storage.local.set({ [KEY.fingerprints]: list, [KEY.reuseOn]: s.reuseWatch && list.length > 0 });
}

function dismissedOf(d) {
  return d && typeof d === 'object' && !Array.isArray(d) ? d : {};
}

export async function loadDismissed() {
  const got = await chrome.storage.local.get(KEY.dismissed);
  return dismissedOf(got[KEY.dismissed]);
}

// The inbox asks about the dismissed list on every batch: it is read once per worker life and
// kept, and whatever writes it (this worker, an import, "Clear all data") invalidates it
// through storage.onChanged. The listener is added with the first read: it only has to keep a
// cache honest, never to wake the worker, and the worker's first read comes before any copy.
let dismissedCache = null;
let watching = false;

/** The dismissed list for reading only (a cached copy; do not modify it). */
export function dismissedIds() {
  if (!watching) {
    watching = true;
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && KEY.dismissed in changes) dismissedCache = null;
    });
  }
  if (!dismissedCache) {
    const read = loadDismissed();
    dismissedCache = read;
    read.catch(() => {
      if (dismissedCache === read) dismissedCache = null;
    });
  }
  return dismissedCache;
}

export async function setDismissed(id, on) {
  const d = await loadDismissed();
  if (on) d[id] = Date.now();
  else delete d[id];
  const ids = Object.keys(d);
  if (ids.length > MAX_DISMISSED) {
    ids.sort((a, b) => d[a] - d[b]);
    for (const old of ids.slice(0, ids.length - MAX_DISMISSED)) delete d[old];
  }
  dismissedCache = null;
  await chrome.storage.local.set({ [KEY.dismissed]: d });
  dismissedCache = null;
}

/**
 * Runs on install and on every upgrade. An upgrade must never lose what the seller saved:
 * stored values are normalised and written back, nothing is cleared.
 */
export async function migrate(reason) {
  const got = await chrome.storage.local.get(null);
  const settings = normalize(got[KEY.settings]);
  const fps = Array.isArray(got[KEY.fingerprints]) ? got[KEY.fingerprints] : [];
  await chrome.storage.local.set({
    [KEY.settings]: settings,
    [KEY.fingerprints]: fps,
    [KEY.reuseOn]: settings.reuseWatch && fps.length > 0,
  });
  await salt();
  return { reason, settings };
}

/** Wipes everything the seller stored ("Clear all data"), then lays down fresh defaults. */
export async function clearAll() {
  await chrome.storage.local.clear();
  await migrate('clear');
}

/** What "Export settings" writes: the settings only, never fingerprints or the salt. */
export async function exportSettings() {
  const s = await loadSettings();
  return { sellershield: 'settings', ...s };
}

/**
 * Checks an imported object's shape (the engine checks the domains). Returns an error
 * message or null.
 */
export function importShapeError(obj) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return 'not a settings object';
  const known = new Set(['sellershield', ...Object.keys(DEFAULTS)]);
  for (const k of Object.keys(obj)) if (!known.has(k)) return `unknown setting "${k}"`;
  for (const k of ['protectedDomains', 'trustedDomains', 'paused']) {
    if (k in obj && (!Array.isArray(obj[k]) || obj[k].some((x) => typeof x !== 'string'))) return `${k}: must be a list of domain names`;
  }
  if ('platforms' in obj && obj.platforms !== null && (!Array.isArray(obj.platforms) || obj.platforms.some((x) => typeof x !== 'string'))) {
    return 'platforms: must be a list of platform ids';
  }
  if ('language' in obj && !LANGUAGES.includes(obj.language)) return `language: must be one of ${LANGUAGES.join(', ')}`;
  if ('reuseWatch' in obj && typeof obj.reuseWatch !== 'boolean') return 'reuseWatch: must be true or false';
  return null;
}
