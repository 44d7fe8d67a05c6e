// The UI text in the seller's chosen language.
//
// chrome.i18n always follows the browser's language, but a seller may read Chinese in an
// English browser, so the options page offers a language of its own. The service worker
// therefore reads `_locales/<lang>/messages.json` from the package itself and hands content
// scripts and pages a flat {key: text} table; English fills any key a locale lacks. Keys of
// reason texts are `reason_<code>` (docs/reasons.md).

const SUPPORTED = ['en', 'zh_CN'];
const cache = new Map();

/** 'auto' (or anything unknown) follows the browser: any Chinese variant reads zh_CN. */
export function resolveLanguage(setting) {
  if (SUPPORTED.includes(setting)) return setting;
  const ui = (chrome.i18n && chrome.i18n.getUILanguage ? chrome.i18n.getUILanguage() : 'en') || 'en';
  return ui.toLowerCase().startsWith('zh') ? 'zh_CN' : 'en';
}

async function readLocale(lang) {
  const res = await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`));
  const raw = await res.json();
  const flat = {};
  for (const [k, v] of Object.entries(raw)) if (v && typeof v.message === 'string') flat[k] = v.message;
  return flat;
}

/** The table for a language setting, English underneath. */
export async function strings(setting) {
  const lang = resolveLanguage(setting);
  if (!cache.has(lang)) {
    const en = await readLocale('en');
    cache.set(lang, lang === 'en' ? en : { ...en, ...(await readLocale(lang)) });
  }
  return { lang, table: cache.get(lang) };
}
