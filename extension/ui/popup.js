// The toolbar popup: what SellerShield sees on the current tab, and a pause for this site.

import { localise, send, tx } from './page.js';

async function activeTab() {
  // ?tab=<id> opens the popup's view of a given tab (keyboard users, tests).
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (id) return chrome.tabs.get(id);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function describe(st) {
  if (!st.web) return { tone: 'idle', title: tx('popup_state_internal') };
  if (st.paused) return { tone: 'idle', title: tx('popup_state_paused') };
  if (st.page === 'block' || st.counts.blocked > 0) return { tone: 'danger', title: tx('popup_state_blocked') };
  const name = st.platform ? st.platform.name : null;
  if (st.ctx && st.ctx.inbox && name) {
    const tone = st.counts.danger ? 'danger' : st.counts.caution ? 'caution' : 'ok';
    return { tone, title: tx('popup_state_inbox', { platform: name }) };
  }
  if (st.ctx && st.ctx.genuine && name) return { tone: 'ok', title: tx('popup_state_genuine', { platform: name }) };
  return { tone: 'idle', title: tx('popup_state_other') };
}

async function render() {
  const tab = await activeTab();
  const st = await send('ui:tabState', { tabId: tab.id });
  const d = describe(st);
  document.getElementById('state').dataset.tone = d.tone;
  document.getElementById('state-title').textContent = d.title;
  document.getElementById('state-host').textContent = st.host || '';
  document.getElementById('state-extra').textContent = st.openedFromInbox ? tx('popup_opened_from_inbox', { platform: st.openedFromInbox }) : '';
  document.getElementById('c-messages').textContent = String(st.counts.messages);
  document.getElementById('c-warnings').textContent = String(st.counts.danger + st.counts.caution + st.counts.blocked);
  document.getElementById('c-links').textContent = String(st.counts.links);
  const pause = document.getElementById('pause');
  pause.textContent = st.paused ? tx('popup_resume') : tx('popup_pause');
  pause.disabled = !st.web;
  pause.onclick = async () => {
    pause.disabled = true;
    await send('ui:pause', { url: st.url, paused: !st.paused });
    // Banners already drawn belong to the page; reloading shows the site as it now is.
    await chrome.tabs.reload(tab.id);
    await render();
  };
}

document.getElementById('options').addEventListener('click', () => chrome.runtime.openOptionsPage());
localise().then(render).catch((e) => {
  document.getElementById('state-title').textContent = e.message;
});
