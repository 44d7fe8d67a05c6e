// The options page. Every change is sent to the service worker, which has the engine
// validate it (validateConfig) before storing; a refused change shows the engine's message
// next to the field and nothing is saved.

import { el, localise, send, tx } from './page.js';

let data = null; // the last ui:settings answer

function say(id, text, ok) {
  const node = document.getElementById(id);
  node.textContent = text || '';
  node.className = `msg ${ok ? 'ok' : 'err'}`;
}

/** Saves a partial change; returns true when the engine accepted it. */
async function save(change, msgId) {
  const res = await send('ui:saveSettings', { settings: change });
  if (!res.ok) {
    say(msgId, tx('options_error', { error: res.error }), false);
    return false;
  }
  say(msgId, tx('options_saved'), true);
  await refresh();
  return true;
}

function kindTitle(kind) {
  const key = `options_kind_${kind}`;
  const text = tx(key);
  return text === key ? tx('options_kind_other') : text;
}

function renderPlatforms() {
  const box = document.getElementById('platforms');
  box.replaceChildren();
  const enabled = data.settings.platforms ? new Set(data.settings.platforms) : null;
  const groups = new Map();
  for (const p of data.platforms) {
    if (!groups.has(p.kind)) groups.set(p.kind, []);
    groups.get(p.kind).push(p);
  }
  for (const [kind, list] of groups) {
    const grid = el('div', { class: 'grid' });
    for (const p of list) {
      const cb = el('input', { type: 'checkbox', value: p.id });
      cb.checked = !enabled || enabled.has(p.id);
      cb.addEventListener('change', onPlatformToggle);
      grid.append(el('label', {}, cb, el('span', {}, p.name, ' ', el('span', { class: 'dom', text: p.domain }))));
    }
    box.append(el('div', { class: 'group' }, el('div', { class: 'group-title', text: kindTitle(kind) }), grid));
  }
}

function checkedPlatforms() {
  return Array.from(document.querySelectorAll('#platforms input:checked'), (x) => x.value);
}

async function onPlatformToggle() {
  const on = checkedPlatforms();
  await save({ platforms: on.length === data.platforms.length ? null : on }, 'platforms-msg');
}

function renderDomains(field, listId, msgId) {
  const ul = document.getElementById(listId);
  ul.replaceChildren();
  const list = data.settings[field];
  if (!list.length) ul.append(el('li', { class: 'empty', text: tx('options_empty') }));
  for (const d of list) {
    const rm = el('button', { type: 'button', class: 'quiet', text: tx('options_remove'), 'aria-label': tx('options_remove_item', { item: d }) });
    rm.addEventListener('click', () => save({ [field]: data.settings[field].filter((x) => x !== d) }, msgId));
    ul.append(el('li', {}, el('span', { class: 'mono', text: d }), rm));
  }
}

function wireDomainForm(field, formId, inputId, msgId) {
  document.getElementById(formId).addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = document.getElementById(inputId);
    const value = input.value.trim();
    if (!value) return;
    if (await save({ [field]: [...data.settings[field], value] }, msgId)) input.value = '';
    else input.focus();
  });
}

function renderReuse() {
  document.getElementById('reuse').checked = data.settings.reuseWatch;
  const ul = document.getElementById('fingerprints');
  ul.replaceChildren();
  if (!data.fingerprints.length) ul.append(el('li', { class: 'empty', text: tx('options_reuse_none') }));
  for (const f of data.fingerprints) {
    const name = f.platform ? f.platform.name : '?';
    const rm = el('button', { type: 'button', class: 'quiet', text: tx('options_remove'), 'aria-label': tx('options_remove_item', { item: tx('options_reuse_item', { platform: name }) }) });
    rm.addEventListener('click', async () => {
      await send('ui:removeFingerprint', { index: f.index });
      await refresh();
    });
    const when = f.added ? ` · ${new Date(f.added).toLocaleDateString()}` : '';
    ul.append(el('li', {}, el('span', {}, tx('options_reuse_item', { platform: name }), el('span', { class: 'muted', text: when })), rm));
  }
}

function render() {
  const problems = document.getElementById('problems');
  problems.hidden = !data.problems.length;
  problems.textContent = data.problems.length ? tx('options_problems', { error: data.problems.join('; ') }) : '';
  renderPlatforms();
  renderDomains('protectedDomains', 'protected-list', 'protected-msg');
  renderDomains('trustedDomains', 'trusted-list', 'trusted-msg');
  renderReuse();
  document.getElementById('language').value = data.settings.language;
  document.getElementById('about').textContent = tx('options_about', { version: data.extensionVersion, engine: data.version });
}

async function refresh() {
  data = await send('ui:settings');
  render();
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function main() {
  await localise();
  document.title = tx('options_title');
  await refresh();

  document.getElementById('all-on').addEventListener('click', () => save({ platforms: null }, 'platforms-msg'));
  document.getElementById('all-off').addEventListener('click', () => save({ platforms: [] }, 'platforms-msg'));
  wireDomainForm('protectedDomains', 'protected-form', 'protected-input', 'protected-msg');
  wireDomainForm('trustedDomains', 'trusted-form', 'trusted-input', 'trusted-msg');
  document.getElementById('reuse').addEventListener('change', (e) => save({ reuseWatch: e.target.checked }, 'reuse-msg'));
  document.getElementById('language').addEventListener('change', async (e) => {
    if (await save({ language: e.target.value }, 'platforms-msg')) location.reload();
  });

  document.getElementById('export').addEventListener('click', async () => {
    const obj = await send('ui:export');
    download('sellershield-settings.json', JSON.stringify(obj, null, 2));
  });
  const file = document.getElementById('import-file');
  document.getElementById('import').addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    file.value = '';
    if (!f) return;
    let obj;
    try {
      obj = JSON.parse(await f.text());
    } catch (e) {
      say('backup-msg', tx('options_import_bad', { error: e.message }), false);
      return;
    }
    if (obj && typeof obj === 'object') delete obj.sellershield;
    const res = await send('ui:saveSettings', { settings: obj, replace: true });
    if (!res.ok) return say('backup-msg', tx('options_import_bad', { error: res.error }), false);
    say('backup-msg', tx('options_import_done'), true);
    await refresh();
  });

  document.getElementById('clear').addEventListener('click', async () => {
    if (!confirm(tx('options_clear_confirm'))) return;
    await send('ui:clearAll');
    say('clear-msg', tx('options_cleared'), true);
    await refresh();
  });
}

main().catch((e) => {
  const p = document.getElementById('problems');
  p.hidden = false;
  p.textContent = e.message;
});
