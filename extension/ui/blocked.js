// The page a navigation to a lookalike host is sent to. It shows what the host imitates and,
// character by character, how its address differs from the genuine one (a longest common
// subsequence of code points: what is extra, swapped or from another alphabet stands out).
// "Continue anyway" is deliberate (a confirmation box first) and trusts the host, so the
// navigation guard lets it through instead of looping back here.

import { el, localise, send, table, tx } from './page.js';

const SS = globalThis.SellerShield;

const SCRIPTS = ['Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Arabic', 'Hebrew', 'Thai', 'Devanagari'];

/** Marks, in each string, the code points outside their longest common subsequence. */
export function diff(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = x.length;
  const m = y.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  const inA = new Array(n).fill(false);
  const inB = new Array(m).fill(false);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (x[i] === y[j]) {
      inA[i++] = true;
      inB[j++] = true;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return { a: x.map((c, i) => ({ c, diff: !inA[i] })), b: y.map((c, i) => ({ c, diff: !inB[i] })) };
}

function drawDiff(node, chars) {
  node.replaceChildren();
  let run = null;
  for (const { c, diff: d } of chars) {
    if (!run || run.d !== d) {
      run = { d, node: d ? el('mark', { class: 'diff' }) : document.createElement('span') };
      node.append(run.node);
    }
    run.node.append(c);
  }
}

function scriptOf(c) {
  for (const s of SCRIPTS) if (new RegExp(`\\p{Script=${s}}`, 'u').test(c)) return s;
  return null;
}

/** Non-ASCII characters of the host, named: "а (U+0430, Cyrillic)". */
function foreignChars(host) {
  const seen = new Set();
  const out = [];
  for (const c of host) {
    if (c.charCodeAt(0) < 128 || seen.has(c)) continue;
    seen.add(c);
    const cp = c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
    const script = scriptOf(c);
    out.push(`${c} (U+${cp}${script ? `, ${script}` : ''})`);
  }
  return out;
}

async function main() {
  await localise();
  const target = new URLSearchParams(location.search).get('url') || '';
  const info = await send('ui:blockedInfo', { url: target });
  const { report, platform } = info;
  const name = platform ? platform.name : null;
  document.title = tx('blocked_page_title');
  document.getElementById('title').textContent = name ? tx('blocked_title', { platform: name }) : tx('blocked_title_generic');
  document.getElementById('lead').textContent = name ? tx('blocked_lead', { platform: name }) : tx('blocked_lead_generic');

  const visitedHost = report.host || info.host || target;
  const lookalike = report.reasons.find((r) => r.params && r.params.genuine);
  const genuine = (lookalike && lookalike.params.genuine) || (platform && platform.domain) || '';
  if (genuine) {
    const d = diff(visitedHost, genuine);
    drawDiff(document.getElementById('visited'), d.a);
    drawDiff(document.getElementById('genuine'), d.b);
  } else {
    document.getElementById('visited').textContent = visitedHost;
    for (const id of ['genuine', 'genuine-label', 'diff-note']) document.getElementById(id).hidden = true;
  }
  const foreign = foreignChars(visitedHost);
  if (foreign.length) {
    const p = document.getElementById('chars');
    p.hidden = false;
    p.textContent = tx('blocked_char_note', { chars: foreign.join(', ') });
  }

  const reasons = document.getElementById('reasons');
  for (const r of report.reasons) {
    if (r.severity === 'info' && r.code !== 'punycode') continue;
    reasons.append(el('li', { text: SS.reasonText(table, r) }));
  }
  if (!reasons.children.length) document.getElementById('why').hidden = true;

  document.getElementById('back').addEventListener('click', () => {
    if (history.length > 1) history.back();
    else chrome.tabs.update({ url: 'about:blank' });
  });
  const go = document.getElementById('genuine-go');
  if (platform && platform.domain) {
    go.textContent = tx('blocked_genuine_button', { platform: name });
    go.addEventListener('click', () => location.assign(`https://${platform.domain}/`));
  } else go.hidden = true;

  const understand = document.getElementById('understand');
  const cont = document.getElementById('continue');
  cont.textContent = tx('blocked_continue', { host: info.host || visitedHost });
  understand.addEventListener('change', () => {
    cont.disabled = !understand.checked;
  });
  cont.addEventListener('click', async () => {
    cont.disabled = true;
    const res = await send('ui:continue', { url: target }).catch((e) => ({ ok: false, error: e.message }));
    if (!res.ok) {
      document.getElementById('continue-msg').textContent = res.error;
      cont.disabled = false;
    }
  });
  document.getElementById('back').focus();
}

main().catch((e) => {
  document.getElementById('title').textContent = e.message;
});
