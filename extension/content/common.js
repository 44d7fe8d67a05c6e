// Helpers shared by SellerShield's content scripts and pages (a classic script: content
// scripts cannot be ES modules). It defines one object, `SellerShield`, in the extension's
// isolated world; loading it twice (manifest + injected inbox script) is harmless. The wording
// part (`format`, `reasonText`, `inboxAnswer`) runs without a DOM, so the tests load it in Node.
//
// Everything that draws builds DOM nodes with createElement and textContent: message text,
// URLs and page titles are untrusted and never parsed as HTML.

(() => {
  if (globalThis.SellerShield) return;

  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** Asks the service worker; rejects when the request failed there (`failure`). */
  function send(type, payload) {
    return new Promise((resolve, reject) => {
      try {
        chrome.runtime.sendMessage({ type, ...payload }, (res) => {
          const err = chrome.runtime.lastError;
          if (err) return reject(new Error(err.message));
          if (!res) return reject(new Error('no answer'));
          if (res.failure) return reject(new Error(res.failure));
          resolve(res);
        });
      } catch (e) {
        // The extension was reloaded or removed: this page's script is orphaned.
        reject(e);
      }
    });
  }

  /**
   * A localised text: `$name$` in the table's text is replaced by params[name]. Returns null
   * when the key is missing or a parameter it names is absent, so callers can fall back.
   */
  function format(table, key, params) {
    const text = table && table[key];
    if (typeof text !== 'string') return null;
    const parts = partsOf(table, key, text);
    if (parts.length === 1) return text;
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const v = params && params[parts[i]];
      if (v == null || v === '') return null;
      out += String(v) + parts[i + 1];
    }
    return out;
  }

  // Texts split once at their `$name$` parameters (literal, name, literal, ...): an inbox
  // formats thousands of reasons from a few dozen texts.
  const PARAM = /\$([a-z_][a-z0-9_]*)\$/i;
  const splitTexts = new WeakMap();
  function partsOf(table, key, text) {
    let cache = splitTexts.get(table);
    if (!cache) {
      cache = new Map();
      splitTexts.set(table, cache);
    }
    let parts = cache.get(key);
    if (!parts || parts.text !== text) {
      parts = text.split(PARAM);
      for (let i = 1; i < parts.length; i += 2) parts[i] = parts[i].toLowerCase();
      parts.text = text;
      cache.set(key, parts);
    }
    return parts;
  }

  /** The text of a key, or the key itself when the table lacks it (never empty UI). */
  function t(table, key, params) {
    return format(table, key, params) ?? (table && table[key]) ?? key;
  }

  /**
   * A reason in the seller's language, falling back to the engine's English message where the
   * answer has one (batch answers have none: every code has a text in every locale, worded
   * from parameters the engine always gives; tests/wasm/locales.test.mjs), then to the code's
   * wording without parameters (`reason_<code>_plain`, for a reason that can come without the
   * one its text quotes: a scam pattern made of a file or a link has no words to quote), then
   * to the text of the code's entry as it stands.
   */
  function reasonText(table, reason) {
    const key = `reason_${reason.code}`;
    return format(table, key, reason.params || {}) || reason.message || format(table, `${key}_plain`, {}) || t(table, key);
  }

  /** A banner lists this many reasons, then the quoted cues. */
  const BANNER_LINES = 5;
  const BANNER_CUES = 4;

  /**
   * An inbox answer in the seller's words: the engine's `checkInbox` text (src/answer.rs has
   * its shape), passed on by the worker. Read once per batch; each distinct reason is worded
   * once and each marked link's entry built once, when first drawn (a link in many messages,
   * a reason on many links, share theirs).
   *
   *   messages        the entries by message: {verdict, links, categories?, advice?, ...}
   *   slot(s)         a link slot of a message: its verdict (a string), null (not judged), or
   *                   for a marked link {verdict, host, why: [texts], imitates?, destination?}
   *   banner(m)       a flagged message's banner: {verdict, categories, advice, headline,
   *                   lines: [{text, ev}], spans: [[start, end, danger]]}
   */
  function inboxAnswer(table, text) {
    const data = typeof text === 'string' ? JSON.parse(text) : text || {};
    const list = (x) => (Array.isArray(x) ? x : []);
    const reasons = list(data.reasons);
    const links = list(data.links);
    const words = new Array(reasons.length);
    const entries = new Array(links.length);
    const word = (k) => {
      if (words[k] === undefined) {
        const r = reasons[k];
        words[k] = r && typeof r.code === 'string' ? reasonText(table, r) : '';
      }
      return words[k];
    };
    const slot = (s) => {
      if (typeof s === 'string') return s;
      if (typeof s !== 'number' || !(s >= 0 && s < links.length)) return null;
      if (entries[s] === undefined) {
        const l = links[s] || {};
        const e = { verdict: l.verdict === 'danger' ? 'danger' : 'caution', host: typeof l.host === 'string' ? l.host : null };
        // Worded when first read (a mark drawn, a click stopped), not when the verdict is set.
        let why = null;
        Object.defineProperty(e, 'why', { enumerable: true, get: () => why || (why = list(l.why).map(word).filter(Boolean)) });
        if (typeof l.imitates === 'string') e.imitates = l.imitates;
        if (typeof l.destination === 'string') e.destination = l.destination;
        entries[s] = e;
      }
      return entries[s];
    };
    const banner = (m) => {
      // Lines whose wording repeats (two reasons worded alike) are shown once.
      const lines = [];
      for (const [k, ev] of list(m.lines)) {
        const text = word(k);
        if (text && !lines.some((l) => l.text === text)) lines.push({ text, ev: !!ev });
        if (lines.length === BANNER_LINES) break;
      }
      const quoted = list(m.cues).filter((c) => typeof c === 'string' && !lines.some(({ text }) => text.includes(c))).slice(0, BANNER_CUES);
      if (quoted.length) lines.push({ text: t(table, 'banner_cues', { cues: quoted.map((c) => `“${c}”`).join(', ') }), ev: true });
      const spans = list(m.spans).filter((x) => Array.isArray(x) && x.length >= 2);
      return { verdict: m.verdict, categories: list(m.categories), advice: list(m.advice), headline: m.headline, lines, spans };
    };
    return { messages: list(data.messages), slot, banner };
  }

  /** createElement with attributes, properties and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c == null || c === false) continue;
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  /**
   * The shield icon, drawn with SVG nodes (no markup parsing). The shield takes the text
   * colour; `inner` is the colour of the mark on it (white, or the band's colour when the
   * shield itself is white).
   */
  function icon(kind, size = 20, inner = '#fff') {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size));
    svg.setAttribute('height', String(size));
    svg.setAttribute('aria-hidden', 'true');
    const path = (d, attrs) => {
      const p = document.createElementNS(SVG_NS, 'path');
      p.setAttribute('d', d);
      for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v);
      svg.append(p);
    };
    path('M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3z', { fill: 'currentColor' });
    if (kind === 'ok') path('m8.5 12.5 2.5 2.5 5-5', { fill: 'none', stroke: inner, 'stroke-width': '2.2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' });
    else path('M12 7v6m0 3.2v.3', { fill: 'none', stroke: inner, 'stroke-width': '2.4', 'stroke-linecap': 'round' });
    return svg;
  }

  /**
   * A host element with a closed shadow root: the page can neither read nor restyle what is
   * inside. The tag must be a valid custom-element name (attachShadow allows those even when
   * no element is defined, which content scripts cannot do). `base: false` leaves out the
   * shared palette (for small marks drawn by the hundred, whose every rule costs).
   */
  function shadowHost(tag, css, { base = true } = {}) {
    const host = document.createElement(tag);
    const root = host.attachShadow({ mode: 'closed' });
    const sheet = sheetFor(css || '', base);
    let adopted = false;
    if (sheet) {
      try {
        root.adoptedStyleSheets = [sheet];
        adopted = true;
      } catch {
        // Firefox content scripts cannot hand their own objects to the page's shadow root.
      }
    }
    if (!adopted) {
      const style = document.createElement('style');
      style.textContent = (base ? BASE_CSS : '') + (css || '');
      root.append(style);
    }
    return { host, root };
  }

  // One constructed stylesheet per kind of element, shared by all its shadow roots: an inbox
  // with a thousand marked links parses the marks' CSS once, not a thousand times.
  // Keyed by the caller's own CSS text (a constant, so the lookup is cheap), with and without
  // the base palette.
  const sheets = { base: new Map(), bare: new Map() };
  function sheetFor(css, base) {
    const cache = base ? sheets.base : sheets.bare;
    let sheet = cache.get(css);
    if (sheet === undefined) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync((base ? BASE_CSS : '') + css);
      } catch {
        sheet = null; // no constructable stylesheets here: each root gets a <style>
      }
      cache.set(css, sheet);
    }
    return sheet;
  }

  // Palette shared by every SellerShield surface; tuned for WCAG AA contrast on white.
  const BASE_CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .ss { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", sans-serif;
          color: #1f1f1f; letter-spacing: normal; text-align: left; }
    button { font: inherit; cursor: pointer; border-radius: 6px; padding: 6px 12px; border: 1px solid #c4c7c5;
             background: #fff; color: #1f1f1f; font-weight: 500; }
    button:hover { background: #f1f3f4; }
    button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
    button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
    button.primary:hover { background: #1765cc; }
    button.danger { background: #c5221f; border-color: #c5221f; color: #fff; }
    button.danger:hover { background: #a50e0e; }
    button.link { border: none; background: none; color: #1a57c2; text-decoration: underline; padding: 6px 4px; }
    .brand { font-weight: 600; letter-spacing: .01em; }
  `;

  globalThis.SellerShield = { send, format, t, reasonText, inboxAnswer, el, icon, shadowHost, BASE_CSS };
})();
