// Shared start-up of SellerShield's own pages (popup, options, blocked page): asks the
// service worker for the UI text in the seller's language and fills every element marked
// data-i18n (its text) or data-i18n-placeholder / data-i18n-aria-label (attributes).
// Text is set with textContent only.

const SS = globalThis.SellerShield;

export let table = {};
export let lang = 'en';

export function tx(key, params) {
  return SS.t(table, key, params);
}

export function send(type, payload) {
  return SS.send(type, payload);
}

export const el = (...args) => SS.el(...args);

export async function localise(root = document) {
  const res = await send('ui:strings');
  table = res.table;
  lang = res.lang;
  document.documentElement.lang = lang === 'zh_CN' ? 'zh-CN' : 'en';
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = tx(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.setAttribute('placeholder', tx(node.dataset.i18nPlaceholder));
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', tx(node.dataset.i18nAriaLabel));
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = tx(node.dataset.i18nTitle);
  return table;
}
