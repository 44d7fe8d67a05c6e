// The inbox content script: judges the messages of a marketplace message centre and draws
// the answer (banners, evidence highlights, link marks, a stop on dangerous clicks).
//
// It is injected by the service worker only on pages the engine calls an inbox
// (pageContext(url).inbox), so other pages never pay for it. Messages are found with the
// platform's adapter (data/adapters/<platform>.json: selectors only, so a changed page layout
// is a one-line fix) or, when no adapter layout matches, the page's main text is judged as
// one message. Single-page inboxes load messages late: a debounced MutationObserver picks up
// new ones, and each message element is judged once.

(() => {
  const SS = globalThis.SellerShield;
  if (!SS) return;
  if (SS.inbox) {
    // Injected again after the inbox app changed its URL: look for new messages.
    SS.inbox.schedule();
    return;
  }

  const OWN = 'SELLERSHIELD-';
  const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'TEXTAREA', 'INPUT', 'SELECT', 'BUTTON']);
  const BLOCK_TAGS = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
    'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
  ]);
  // Links that only run the page's own script and go nowhere: not a destination to judge.
  const WS_RUN = /\s+/g;
  /** Whitespace that collapsing changes: any but a single plain space. */
  const COLLAPSES = /[^\S ]|  /;
  const NOT_WS = /\S/;
  /** A scheme, then something: an absolute address (`//host` is relative to the page's scheme). */
  const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;
  const NOOP_HREF = /^javascript:\s*(void\s*\(?\s*0?\s*\)?\s*;?|;?)\s*$/i;
  /** Per message: longer text is cut here (the engine bounds its work too). */
  const MAX_TEXT = 30000;
  const MAX_LINKS = 200;
  const DEBOUNCE_MS = 120;
  /** How long an adapter may find nothing before the whole page is judged as one message. */
  const GENERIC_AFTER_MS = 1500;
  /**
   * Messages per request. A scan's requests are all sent before any answer comes (the worker
   * judges one while the next is read). One request for an inbox page of ordinary length: a
   * small first request to draw the top early cost more than it gave, as its drawing and the
   * frame after it held the page while the answer to the rest waited (200 messages: 185-200
   * ms to every verdict in two requests, 105-140 ms in one, on a loaded 2-core machine).
   * Bounded, so one answer stays one short task however long the inbox.
   */
  const REQUEST = 200;

  const state = {
    table: {},
    platform: null,
    layouts: [],
    seen: new WeakSet(),
    /** Each judged link: its verdict, or what the worker said of a marked one. */
    linkReports: new WeakMap(),
    /** Each drawn mark's host: its inner element and link report, for the tooltip. */
    marks: new WeakMap(),
    templates: null,
    advice: new Map(),
    pending: new Set(),
    timer: 0,
    genericTimer: 0,
    genericDone: false,
    foundAny: false,
    highlights: null,
    /** Batches whose banners and marks are waiting to be drawn, in order. */
    later: [],
    prepared: false,
    /** The marks' circles by verdict, cloned for each mark. */
    circles: {},
  };

  const tx = (key, params) => SS.t(state.table, key, params);

  // --- finding messages ------------------------------------------------------------------

  function isOwn(node) {
    return node.nodeType === 1 && node.tagName.startsWith(OWN);
  }

  function layoutMatches(layout) {
    return !!document.querySelector(layout.message);
  }

  function activeLayout() {
    for (const l of state.layouts) {
      try {
        if (layoutMatches(l)) return l;
      } catch {
        // A selector the browser cannot parse: the adapter is wrong, try the next layout.
      }
    }
    return null;
  }

  // Layouts tried after the platform's own: they rely on semantics, not on class names, so
  // they fit inboxes no adapter knows yet. A message is an <article> (a self-contained
  // composition, which is what HTML says a message or post is) or an item of an ARIA chat
  // log or feed.
  const GENERIC_LAYOUTS = [
    { name: 'generic: articles', message: 'article:not(article article), [role="article"]:not([role="article"] [role="article"])', exclude: '[role="toolbar"], menu' },
    { name: 'generic: chat log', message: '[role="log"] > *, [role="feed"] > *', exclude: '[role="toolbar"], menu' },
  ];

  /** The last resort: the page's main content, as one message. */
  function genericLayout() {
    return { name: 'generic', message: null, text: null, links: null, sender: null, exclude: 'nav, header, footer, aside, [role="navigation"], [role="banner"]' };
  }

  function mainRegion() {
    return document.querySelector('main, [role="main"]') || document.querySelector('article') || document.body;
  }

  function scan() {
    state.timer = 0;
    if (!document.body) return;
    const layout = activeLayout();
    if (layout) {
      state.foundAny = true;
      clearTimeout(state.genericTimer);
      for (const m of document.querySelectorAll(layout.message)) {
        if (state.seen.has(m) || m.hasAttribute('data-sellershield-verdict')) continue;
        // A message nested in another match is judged with its container.
        if (m.parentElement && m.parentElement.closest(layout.message)) continue;
        state.seen.add(m);
        state.pending.add({ el: m, layout });
      }
    } else if (!state.foundAny && !state.genericDone && !state.genericTimer) {
      // Give a late-loading inbox app time to draw its messages before judging the page.
      state.genericTimer = setTimeout(() => {
        if (state.foundAny || state.genericDone || activeLayout()) return scan();
        state.genericDone = true;
        const m = mainRegion();
        if (!state.seen.has(m)) {
          state.seen.add(m);
          state.pending.add({ el: m, layout: genericLayout() });
          flush();
        }
      }, document.readyState === 'complete' ? GENERIC_AFTER_MS / 3 : GENERIC_AFTER_MS);
    }
    flush();
  }

  function schedule() {
    if (!state.timer) state.timer = setTimeout(scan, DEBOUNCE_MS);
  }

  function observe() {
    const mo = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && !isOwn(n)) return schedule();
        }
      }
    });
    mo.observe(document.documentElement, { childList: true, subtree: true });
  }

  // --- reading a message -----------------------------------------------------------------

  function safeQuery(root, selector) {
    if (!selector) return null;
    try {
      return root.querySelector(selector);
    } catch {
      return null;
    }
  }

  /** The parts of `root` never read (translations, quoted replies), usually none. */
  function excludedIn(root, exclude) {
    if (!exclude) return null;
    try {
      const found = root.querySelectorAll(exclude);
      return found.length ? new Set(found) : null;
    } catch {
      return null;
    }
  }

  /**
   * The message's visible text with whitespace collapsed, plus the text nodes it came from,
   * so the engine's spans can be highlighted in place. Each text node is one segment;
   * blocks are separated by a newline that belongs to no node.
   */
  function readText(root, exclude) {
    let out = '';
    const segs = []; // { node, start, from, length }: out[start..start+length) is node.data[from..] collapsed
    let pendingBreak = false;
    let lastSpace = true;
    const excluded = excludedIn(root, exclude);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    // Leaves a rejected element without entering it (cheaper than a filter callback per node).
    const skip = () => {
      for (let x = walker.currentNode; x && x !== root; x = walker.parentNode()) {
        const sib = walker.nextSibling();
        if (sib) return sib;
      }
      return null;
    };
    let n = walker.nextNode();
    for (; n && out.length < MAX_TEXT; n = walker.nextNode()) {
      if (n.nodeType === 1) {
        while (n && n.nodeType === 1 && (SKIP_TAGS.has(n.tagName) || isOwn(n) || (excluded && excluded.has(n)))) n = skip();
        if (!n) break;
        if (n.nodeType === 1) {
          if (n.tagName === 'BR' || BLOCK_TAGS.has(n.tagName)) pendingBreak = true;
          continue;
        }
      }
      const data = n.data;
      let piece = COLLAPSES.test(data) ? data.replace(WS_RUN, ' ') : data;
      let from = 0;
      if (lastSpace && piece.startsWith(' ')) {
        piece = piece.slice(1);
        from = data.search(NOT_WS);
      }
      if (!piece) continue;
      if (pendingBreak && out.length) {
        if (out.endsWith(' ')) out = `${out.slice(0, -1)}\n`;
        else out += '\n';
        if (piece.startsWith(' ')) {
          piece = piece.slice(1);
          from = data.search(NOT_WS);
          if (!piece) continue;
        }
      }
      pendingBreak = false;
      // `exact`: the node's text from `from` on is the piece itself (nothing collapsed), the
      // common case, where an offset in the piece is an offset in the node.
      segs.push({ node: n, start: out.length, from, length: piece.length, exact: piece === data || data.startsWith(piece, from) });
      out += piece;
      lastSpace = piece.endsWith(' ');
    }
    return { text: out.slice(0, MAX_TEXT), segs };
  }

  /** The offset in the node's own text of the i-th character of its collapsed segment. */
  function nodeOffset(seg, i) {
    if (seg.exact) return seg.from + i;
    const data = seg.node.data;
    let k = seg.from;
    for (let c = 0; c < i && k < data.length; c++) {
      if (NOT_WS.test(data[k])) k++;
      else while (k < data.length && !NOT_WS.test(data[k])) k++;
    }
    return Math.min(k, data.length);
  }

  /**
   * A static range over [start, end) of the read text, or null. Static, not a live Range:
   * the document updates every live Range on every change to it, and an inbox holds
   * thousands of evidence ranges while hundreds of marks and banners are inserted.
   */
  function rangeFor(read, start, end) {
    const { segs } = read;
    if (!segs.length || end <= start) return null;
    const find = (pos, preferNext) => {
      let lo = 0;
      let hi = segs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segs[mid].start <= pos) lo = mid;
        else hi = mid - 1;
      }
      let i = pos - segs[lo].start;
      if (i >= segs[lo].length) {
        // pos falls on a separator between segments.
        if (preferNext && lo + 1 < segs.length) {
          lo++;
          i = 0;
        } else i = segs[lo].length - 1;
      }
      return { at: lo, node: segs[lo].node, offset: nodeOffset(segs[lo], Math.max(0, i)) };
    };
    const a = find(start, true);
    const b = find(end - 1, false);
    const endOffset = Math.min(b.offset + 1, b.node.data.length);
    if (a.at > b.at || (a.at === b.at && a.offset >= endOffset)) return null;
    try {
      return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset });
    } catch {
      return null;
    }
  }

  /**
   * The message's links to judge and what the engine is told of each: the destination (an
   * absolute address as written: the engine parses it with the same URL standard the browser
   * follows, and asking `a.href` makes the browser parse and serialise every link first, most
   * of the cost of reading an inbox; a relative one resolved by the browser against the page)
   * and the text shown. Each attribute is read once: an inbox has thousands of links.
   */
  function collectLinks(scope) {
    const anchors = [];
    const links = [];
    const found = scope.querySelectorAll('a[href]');
    for (let i = 0; i < found.length && anchors.length < MAX_LINKS; i++) {
      const a = found[i];
      const raw = a.getAttribute('href').trim();
      // In-page links and links that only run the page's own script go nowhere.
      if (!raw || raw.startsWith('#') || NOOP_HREF.test(raw)) continue;
      anchors.push(a);
      links.push({ href: ABSOLUTE_URL.test(raw) ? raw : a.href, text: a.textContent.trim().slice(0, 500) });
    }
    return { anchors, links };
  }

  function gather(item) {
    const { el: m, layout } = item;
    const textRoot = safeQuery(m, layout.text) || m;
    const read = readText(textRoot, layout.exclude);
    const linkScope = safeQuery(m, layout.links) || textRoot;
    const { anchors, links } = collectLinks(linkScope);
    const senderEl = safeQuery(m, layout.sender);
    const sender = senderEl ? { name: senderEl.textContent.trim().slice(0, 200) } : undefined;
    return { item, read, anchors, input: { text: read.text, links, sender } };
  }

  // --- asking and drawing ----------------------------------------------------------------

  async function flush() {
    if (!state.pending.size) return;
    const items = [...state.pending];
    state.pending.clear();
    const t0 = performance.now();
    const requests = [];
    for (let i = 0; i < items.length; i += REQUEST) requests.push(items.slice(i, i + REQUEST));
    await Promise.all(requests.map(ask));
    performance.measure('sellershield:inbox', { start: t0, end: performance.now() });
  }

  /** Reads a request's messages, asks the worker, draws the answer when it comes. */
  function ask(chunk) {
    const t0 = performance.now();
    const gathered = chunk.map(gather);
    const t1 = performance.now();
    performance.measure('sellershield:inbox-gather', { start: t0, end: t1 });
    // One string: the browser's messaging copies a string once, where 200 messages of
    // objects are converted field by field on both sides.
    const asked = SS.send('inbox:check', { messages: JSON.stringify(gathered.map((g) => g.input)) });
    prepare();
    return asked.then(
      (res) => {
        const t2 = performance.now();
        if (res.paused) return;
        if (res.platform) state.platform = res.platform;
        const answer = SS.inboxAnswer(state.table, res.answer);
        const dismissed = new Set(Array.isArray(res.dismissed) ? res.dismissed : []);
        const n = Math.min(answer.messages.length, gathered.length);
        // Every message and link gets its verdict now (a click on a dangerous link is stopped
        // from here on); the banners and marks of messages in or near the view are drawn now
        // too, the rest in tasks right after, so a long inbox is not one long task.
        const near = nearView(gathered, n);
        const later = [];
        for (let i = 0; i < n; i++) {
          const draw = judge(gathered[i], answer.messages[i], answer, dismissed.has(i));
          if (!draw) continue;
          if (near[i]) draw();
          else later.push(draw);
        }
        const t3 = performance.now();
        // The parts of one request, for the benchmark: reading the DOM, the answer (the
        // engine, the worker's own work and the messaging both ways), drawing.
        performance.measure('sellershield:inbox-ask', { start: t1, end: t2 });
        measureAsk(t1, t2, res.timing);
        performance.measure('sellershield:inbox-draw', { start: t2, end: t3 });
        drawLater(later, () => {
          const root = document.documentElement;
          root.setAttribute('data-sellershield-judged', String(Number(root.getAttribute('data-sellershield-judged') || 0) + chunk.length));
        });
      },
      (e) => {
        // Let the next scan try these again.
        for (const it of chunk) state.seen.delete(it.el);
        console.warn('SellerShield: messages not checked', e.message);
      },
    );
  }

  /**
   * What every drawing needs once (the banner's template, the banners' and marks' style
   * sheets), made while the worker judges the first request rather than when its answer is
   * waited for.
   */
  function prepare() {
    if (state.prepared) return;
    state.prepared = true;
    templates();
    SS.shadowHost('sellershield-banner', BANNER_CSS);
    SS.shadowHost('sellershield-mark', MARK_CSS, { base: false });
  }

  /**
   * The ask split with the worker's epoch timestamps: the request's way there (with any wait
   * behind the requests before it), the worker's own work before and after the engine, the
   * engine, the answer's way back.
   */
  function measureAsk(t1, t2, w) {
    if (!w || typeof w.recvAt !== 'number') return;
    const local = (epoch) => Math.min(t2, Math.max(t1, epoch - performance.timeOrigin));
    const [recv, eng, engEnd, sent] = [w.recvAt, w.engineAt, w.engineEndAt, w.sentAt].map(local);
    performance.measure('sellershield:inbox-send', { start: t1, end: recv });
    performance.measure('sellershield:inbox-worker-pre', { start: recv, end: eng });
    performance.measure('sellershield:inbox-engine', { start: eng, end: engEnd });
    performance.measure('sellershield:inbox-worker-post', { start: engEnd, end: sent });
    performance.measure('sellershield:inbox-reply', { start: sent, end: t2 });
  }

  /**
   * Which of the messages are in the view or within a screen of it. Read before anything is
   * written, so the page's layout is still clean and this costs no layout of its own.
   */
  function nearView(gathered, n) {
    const h = window.innerHeight || 800;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const m = gathered[i].item.el;
      if (!m.isConnected) {
        out[i] = false;
        continue;
      }
      const r = m.getBoundingClientRect();
      out[i] = r.bottom > -h && r.top < 2 * h;
    }
    return out;
  }

  /**
   * A batch's banners and marks left for later, drawn in a task of their own right after the
   * frame that shows the batch's verdicts (one task per batch, in order); `done` runs once they
   * are drawn, and then the batch counts as judged (tests and the benchmark read banners and
   * marks after `data-sellershield-judged`). Not in idle time, which a busy page may not have
   * for a long while, and not in slices: a batch is bounded (REQUEST), and each slice let a
   * frame (style and layout of all that was inserted) in between, so the last banner came
   * ~60-150 ms later.
   */
  function drawLater(draws, done) {
    if (!draws.length && !state.later.length) return done();
    state.later.push({ draws, done });
    if (state.later.length === 1) afterFrame(drawBatch);
  }

  /**
   * Runs `f` in a task after the next frame, so the verdicts and what was drawn near the view
   * are on screen before the rest is drawn; after 100 ms at the latest (a hidden page has no
   * frames).
   */
  function afterFrame(f) {
    let ran = false;
    const run = () => {
      if (ran) return;
      ran = true;
      f();
    };
    requestAnimationFrame(() => setTimeout(run, 0));
    setTimeout(run, 100);
  }

  function drawBatch() {
    const { draws, done } = state.later[0];
    const t0 = performance.now();
    for (const draw of draws) {
      try {
        draw();
      } catch (e) {
        // The page changed under one message; the others are still drawn and counted.
        console.warn('SellerShield: a banner or mark not drawn', e && e.message);
      }
    }
    performance.measure('sellershield:inbox-later-draw', { start: t0, end: performance.now() });
    state.later.shift();
    done();
    if (state.later.length) afterFrame(drawBatch);
  }

  /**
   * Puts one message's verdicts on the message and its links, and returns what draws the rest
   * (a mark on each link that is not safe, a banner before a flagged message the seller has
   * not dismissed), or null when nothing is drawn. Only writes: nothing here reads layout, so
   * the page lays out once after the whole answer.
   */
  function judge(g, entry, answer, dismissed) {
    const m = g.item.el;
    const verdict = entry.verdict === 'caution' || entry.verdict === 'danger' ? entry.verdict : 'safe';
    m.setAttribute('data-sellershield-verdict', verdict);
    // The inbox app may have dropped the message while it was judged.
    if (!m.isConnected) return null;
    const links = Array.isArray(entry.links) ? entry.links : [];
    let marked = null;
    for (let i = 0; i < links.length && i < g.anchors.length; i++) {
      const lr = answer.slot(links[i]);
      if (!lr) continue;
      const a = g.anchors[i];
      state.linkReports.set(a, lr);
      if (typeof lr === 'string') {
        a.setAttribute('data-sellershield-verdict', lr);
      } else {
        a.setAttribute('data-sellershield-verdict', lr.verdict);
        (marked || (marked = [])).push(a, lr);
      }
    }
    const flagged = verdict !== 'safe';
    if (flagged && dismissed) m.setAttribute('data-sellershield-dismissed', 'true');
    const banner = flagged && !dismissed;
    if (!marked && !banner) return null;
    return () => {
      if (marked) for (let i = 0; i < marked.length; i += 2) if (marked[i].isConnected) markLink(marked[i], marked[i + 1]);
      if (banner && m.isConnected) {
        const report = answer.banner(entry);
        showBanner(m, report, evidenceRanges(g.read, report), g.read.text);
      }
    };
  }

  // --- evidence highlights ---------------------------------------------------------------

  function evidenceRanges(read, report) {
    const spans = Array.isArray(report.spans) ? report.spans.filter((x) => Array.isArray(x) && x.length >= 2) : [];
    if (!spans.length) return [];
    // The engine gives the spans in UTF-16 offsets of the text sent, which is read.text.
    const out = [];
    for (const [start, end, danger] of spans) {
      const range = rangeFor(read, start, end);
      if (range) out.push({ range, severity: danger ? 'danger' : 'caution' });
    }
    return out;
  }

  function highlightRegistry() {
    if (state.highlights !== null) return state.highlights;
    if (typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function') {
      state.highlights = { danger: new Highlight(), caution: new Highlight() };
      CSS.highlights.set('sellershield-danger', state.highlights.danger);
      CSS.highlights.set('sellershield-caution', state.highlights.caution);
      const style = document.createElement('style');
      style.setAttribute('data-sellershield', 'highlight');
      style.textContent = `
        ::highlight(sellershield-danger) { background-color: rgba(234, 67, 53, 0.22); text-decoration: underline 2px rgb(197, 34, 31); }
        ::highlight(sellershield-caution) { background-color: rgba(251, 188, 4, 0.35); }
        sellershield-evidence[data-severity="danger"] { background: rgba(234, 67, 53, 0.22); text-decoration: underline 2px rgb(197, 34, 31); }
        sellershield-evidence[data-severity="caution"] { background: rgba(251, 188, 4, 0.35); }`;
      (document.head || document.documentElement).append(style);
    } else {
      state.highlights = false;
    }
    return state.highlights;
  }

  /** Highlights the evidence; returns a function that removes it again. */
  function highlight(ranges) {
    const reg = highlightRegistry();
    if (reg) {
      for (const { range, severity } of ranges) reg[severity].add(range);
      return () => ranges.forEach(({ range, severity }) => reg[severity].delete(range));
    }
    // No Custom Highlight API: wrap single-node ranges in an element of our own.
    const wrappers = [];
    for (const { range, severity } of ranges.slice().reverse()) {
      if (range.startContainer !== range.endContainer) continue;
      const w = document.createElement('sellershield-evidence');
      w.setAttribute('data-severity', severity);
      try {
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        live.surroundContents(w);
        wrappers.push(w);
      } catch {
        // The page changed under us; skip this piece of evidence.
      }
    }
    return () => wrappers.forEach((w) => w.replaceWith(...w.childNodes));
  }

  // --- the banner ------------------------------------------------------------------------

  const BANNER_CSS = `
    .banner { margin: 8px 0 10px; border-radius: 10px; border: 1px solid; border-left-width: 5px; padding: 12px 14px 12px 14px;
              box-shadow: 0 1px 2px rgba(60,64,67,.12); max-width: 860px; }
    .danger { background: #fce8e6; border-color: #f4b4ae; border-left-color: #c5221f; }
    .caution { background: #fef7e0; border-color: #f6d98b; border-left-color: #b06000; }
    .head { display: flex; gap: 10px; align-items: flex-start; }
    .head svg { flex: none; margin-top: 1px; }
    .danger .head svg { color: #c5221f; }
    .caution .head svg { color: #b06000; }
    .title { font-size: 15px; font-weight: 650; line-height: 1.35; }
    .danger .title { color: #8c1d18; }
    .caution .title { color: #6b3d00; }
    .sub { color: #5f6368; font-size: 12px; margin-top: 2px; }
    .body { margin: 8px 0 0 30px; }
    h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: #5f6368; margin: 10px 0 4px; font-weight: 600; }
    ul { margin: 0; padding-left: 18px; }
    li { margin: 2px 0; }
    li.ev::marker { color: #c5221f; }
    .actions { display: flex; gap: 8px; align-items: center; margin: 12px 0 0 30px; flex-wrap: wrap; }
    .note { font-size: 12px; color: #5f6368; margin-left: auto; }
    .undone { display: flex; gap: 8px; align-items: center; color: #3c4043; padding: 6px 10px; border-radius: 8px; background: #f1f3f4; margin: 6px 0; max-width: 860px; }
  `;

  const BANNER_HOST_STYLE = 'display: block !important; content-visibility: auto !important; contain-intrinsic-size: auto 240px !important';

  /** The banner's fixed parts, built once and cloned for each banner. */
  function templates() {
    if (state.templates) return state.templates;
    const banner = SS.el('div', { class: 'ss banner' },
      SS.el('div', { class: 'head' },
        SS.icon('alert', 20),
        SS.el('div', {},
          SS.el('div', { class: 'title' }),
          SS.el('div', { class: 'sub' }, SS.el('span', { class: 'brand', text: 'SellerShield' }), ` · ${tx('banner_local')}`))),
      SS.el('div', { class: 'body' }),
      SS.el('div', { class: 'actions' }, SS.el('button', { type: 'button', text: tx('banner_not_scam') })));
    state.templates = {
      banner,
      why: SS.el('h3', { text: tx('banner_why') }),
      evidence: SS.el('div', { class: 'note', style: 'margin:6px 0 0', text: tx('banner_evidence') }),
      todo: SS.el('h3', { text: tx('banner_todo') }),
    };
    return state.templates;
  }

  function list(items, className) {
    const ul = document.createElement('ul');
    for (const it of items) {
      const li = document.createElement('li');
      if (className && it.ev) li.className = className;
      li.textContent = typeof it === 'string' ? it : it.text;
      ul.append(li);
    }
    return ul;
  }

  /**
   * What to do, for the scams named (most harmful first), as a list to clone: the same few
   * lists recur across an inbox, and one native deep clone is cheaper than building one.
   */
  function adviceList(report) {
    const cats = Array.isArray(report.advice) ? report.advice : [];
    const key = `${state.platform ? state.platform.name : ''}|${cats.join(' ')}`;
    if (!state.advice.has(key)) state.advice.set(key, list(adviceFor(cats)));
    return state.advice.get(key).cloneNode(true);
  }

  function adviceFor(cats) {
    const items = [];
    for (const c of cats) {
      const a = SS.format(state.table, `advice_${c}`, {});
      if (a && !items.includes(a)) items.push(a);
    }
    items.push(tx('advice_no_click'));
    items.push(tx('advice_report', { platform: state.platform ? state.platform.name : tx('advice_the_platform') }));
    items.push(tx('advice_keep'));
    return items.slice(0, 5);
  }

  function showBanner(m, report, ranges, text) {
    const verdict = report.verdict === 'danger' ? 'danger' : 'caution';
    const { host, root } = SS.shadowHost('sellershield-banner', BANNER_CSS);
    host.setAttribute('data-verdict', verdict);
    host.setAttribute('data-categories', (Array.isArray(report.categories) ? report.categories : []).join(' '));
    host.setAttribute('role', verdict === 'danger' ? 'alert' : 'status');
    const headline = tx(typeof report.headline === 'string' && report.headline.startsWith('headline_') ? report.headline : `headline_${verdict}`);
    host.setAttribute('aria-label', `SellerShield: ${headline}`);
    // A banner off screen is laid out when it scrolls near the view, not with the whole inbox.
    host.setAttribute('style', BANNER_HOST_STYLE);

    const unhighlight = highlight(ranges);
    const lines = Array.isArray(report.lines) ? report.lines : [];
    const t = templates();
    const box = t.banner.cloneNode(true);
    box.classList.add(verdict);
    box.querySelector('.title').textContent = headline;
    const body = box.querySelector('.body');
    if (lines.length) body.append(t.why.cloneNode(true), list(lines, 'ev'));
    if (ranges.length) body.append(t.evidence.cloneNode(true));
    body.append(t.todo.cloneNode(true), adviceList(report));
    const notScam = box.querySelector('button');
    root.append(box);
    m.before(host);

    notScam.addEventListener('click', async () => {
      notScam.disabled = true;
      try {
        await SS.send('inbox:dismiss', { text, on: true, verdict });
      } catch (e) {
        notScam.disabled = false;
        return;
      }
      unhighlight();
      m.setAttribute('data-sellershield-dismissed', 'true');
      const note = SS.shadowHost('sellershield-note', BANNER_CSS);
      const undo = SS.el('button', { type: 'button', class: 'link', text: tx('banner_undo') });
      note.root.append(SS.el('div', { class: 'ss undone', role: 'status' }, SS.icon('ok', 16), tx('banner_dismissed'), undo));
      host.replaceWith(note.host);
      undo.focus();
      undo.addEventListener('click', async () => {
        await SS.send('inbox:dismiss', { text, on: false, verdict }).catch(() => {});
        m.removeAttribute('data-sellershield-dismissed');
        note.host.remove();
        showBanner(m, report, ranges, text);
      });
    });
  }

  // --- link marks ------------------------------------------------------------------------

  // Marks come by the hundred, so each is as few boxes and rules as will do: the host, one
  // circle with its "!" as text, and only the rules a mark uses (not the shared base sheet).
  const MARK_CSS = `
    :host { all: initial; }
    .mark { display: inline-block; vertical-align: -2px; margin: 0 2px 0 4px; width: 15px; height: 15px;
            border-radius: 50%; outline: none; color: #fff; font: 700 11px/15px system-ui, sans-serif; text-align: center; cursor: help;
            user-select: none; }
    .mark:focus-visible { box-shadow: 0 0 0 3px #1a73e8; }
    .danger { background: #c5221f; box-shadow: 0 0 0 2px #fce8e6; }
    .caution { background: #b06000; }
    .tip { display: none; position: absolute; left: 50%; top: calc(100% + 6px); transform: translateX(-50%); z-index: 2147483647;
           width: max-content; max-width: 320px; background: #202124; color: #fff; font: 400 12.5px/1.4 system-ui, sans-serif;
           padding: 8px 10px; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.3); white-space: normal; text-align: left;
           box-sizing: border-box; }
    .tip b { display: block; margin-bottom: 2px; }
    .mark:hover .tip, .mark:focus .tip { display: block; }
    /* The tooltip's anchor only while it shows: a positioned box costs every mark in every frame. */
    .mark:hover, .mark:focus { position: relative; }
  `;

  /** A marked link's title, summary and destination; once per link entry (links repeat). */
  function markLabel(lr) {
    if (!lr.label) {
      const title = lr.verdict === 'danger' ? tx('mark_danger') : tx('mark_caution');
      const summary = Array.isArray(lr.why) && lr.why.length ? lr.why[0] : '';
      const dest = lr.host ? tx('mark_goes_to', { host: lr.host }) : '';
      // Joined into sentences; a text that ends its own sentence gets no second full stop.
      const aria = [title, summary, dest].filter(Boolean).reduce((acc, x) => (acc ? `${acc}${/[.!?。！？]$/.test(acc) ? ' ' : '. '}${x}` : x), '');
      lr.label = { title, summary, dest, aria };
    }
    return lr.label;
  }

  /** The mark's circle, made once per verdict and cloned for each mark (one native call). */
  function markCircle(verdict) {
    if (!state.circles[verdict]) {
      const mark = document.createElement('span');
      mark.className = `mark ${verdict}`;
      mark.tabIndex = 0;
      mark.setAttribute('role', 'img');
      mark.textContent = '!';
      state.circles[verdict] = mark;
    }
    return state.circles[verdict].cloneNode(true);
  }

  function markLink(a, lr) {
    const next = a.nextElementSibling;
    if (next && next.tagName === 'SELLERSHIELD-MARK') next.remove();
    const verdict = lr.verdict === 'danger' ? 'danger' : 'caution';
    const { host, root } = SS.shadowHost('sellershield-mark', MARK_CSS, { base: false });
    host.setAttribute('data-verdict', verdict);
    const mark = markCircle(verdict);
    mark.setAttribute('aria-label', markLabel(lr).aria);
    root.append(mark);
    state.marks.set(host, { mark, lr });
    a.after(host);
  }

  /**
   * The tooltip of a mark, built when first wanted: one listener on the document for every
   * mark (events from inside a closed shadow root reach it with the host as their target).
   */
  function onMarkWanted(e) {
    const found = e.target && e.target.tagName === 'SELLERSHIELD-MARK' ? state.marks.get(e.target) : null;
    if (!found || found.mark.firstElementChild) return;
    const { title, summary, dest } = markLabel(found.lr);
    found.mark.append(SS.el('span', { class: 'tip', role: 'tooltip' }, SS.el('b', { text: title }), summary, dest ? SS.el('div', { text: dest }) : null));
  }

  // --- stopping a click on a dangerous link ----------------------------------------------

  const DIALOG_CSS = `
    .backdrop { position: fixed; inset: 0; background: rgba(32,33,36,.55); display: flex; align-items: center; justify-content: center; z-index: 2147483647; }
    .dialog { background: #fff; border-radius: 12px; max-width: 520px; width: calc(100% - 32px); padding: 22px 24px 18px;
              box-shadow: 0 12px 40px rgba(0,0,0,.35); border-top: 6px solid #c5221f; }
    .top { display: flex; gap: 12px; align-items: center; color: #c5221f; }
    h2 { margin: 0; font-size: 18px; color: #8c1d18; }
    p { margin: 12px 0 0; }
    .dest { font: 600 15px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f3f4; border-radius: 6px;
            padding: 8px 10px; margin-top: 6px; word-break: break-all; color: #202124; }
    ul { margin: 10px 0 0; padding-left: 18px; color: #3c4043; }
    .buttons { display: flex; justify-content: space-between; gap: 10px; margin-top: 20px; align-items: center; }
  `;

  function showLinkDialog(a, lr) {
    const old = document.querySelector('sellershield-dialog');
    if (old) old.remove();
    const { host, root } = SS.shadowHost('sellershield-dialog', DIALOG_CSS);
    host.setAttribute('data-verdict', lr.verdict);
    const imitated = lr.imitates || null;
    const destination = lr.destination || lr.host;
    const stay = SS.el('button', { type: 'button', class: 'primary', text: tx('dialog_stay') });
    const go = SS.el('button', { type: 'button', class: 'link', text: tx('dialog_open_anyway') });
    const reasons = Array.isArray(lr.why) ? lr.why : [];
    const dialog = SS.el('div', { class: 'ss dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'ss-dt', 'aria-describedby': 'ss-dd' },
      SS.el('div', { class: 'top' }, SS.icon('alert', 26), SS.el('h2', { id: 'ss-dt', text: tx('dialog_title') })),
      SS.el('div', { id: 'ss-dd' },
        SS.el('p', { text: imitated ? tx('dialog_imitates', { platform: imitated }) : tx('dialog_dangerous') }),
        SS.el('p', { text: tx('dialog_real_destination') }),
        SS.el('div', { class: 'dest', text: destination || a.href })),
      reasons.length ? SS.el('ul', {}, reasons.map((r) => SS.el('li', { text: r }))) : null,
      SS.el('div', { class: 'buttons' }, go, stay));
    const backdrop = SS.el('div', { class: 'backdrop' }, dialog);
    root.append(backdrop);
    document.documentElement.append(host);
    const close = () => {
      host.remove();
      a.focus({ preventScroll: true });
    };
    stay.addEventListener('click', close);
    backdrop.addEventListener('click', (e) => {
      if (e.target === backdrop) close();
    });
    host.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      } else if (e.key === 'Tab') {
        // Keep focus inside the dialog.
        e.preventDefault();
        (root.activeElement === stay ? go : stay).focus();
      }
    });
    go.addEventListener('click', () => {
      host.remove();
      SS.send('inbox:click', { url: a.href }).catch(() => {});
      if (a.target && a.target !== '_self') window.open(a.href, '_blank', 'noopener');
      else location.assign(a.href);
    });
    stay.focus();
  }

  function onClick(e) {
    if (e.type === 'auxclick' && e.button !== 1) return;
    const path = e.composedPath ? e.composedPath() : [];
    const a = path.find((n) => n && n.tagName === 'A' && n.hasAttribute && n.hasAttribute('data-sellershield-verdict'));
    if (!a) return;
    const lr = state.linkReports.get(a);
    if (!lr) return;
    if (typeof lr === 'object' && lr.verdict === 'danger') {
      e.preventDefault();
      e.stopImmediatePropagation();
      showLinkDialog(a, lr);
      return;
    }
    SS.send('inbox:click', { url: a.href }).catch(() => {});
  }

  // --- start -----------------------------------------------------------------------------

  async function start() {
    // The highlight styles restyle the whole page once: now, while the worker answers, rather
    // than in the frame that shows the first banners.
    highlightRegistry();
    let res;
    try {
      res = await SS.send('inbox:start', { strings: true });
    } catch (e) {
      console.warn('SellerShield: inbox not started', e.message);
      return;
    }
    if (res.paused) return;
    state.table = res.strings || {};
    state.platform = res.platform;
    state.layouts = (Array.isArray(res.layouts) ? res.layouts : []).concat(GENERIC_LAYOUTS);
    document.addEventListener('click', onClick, true);
    document.addEventListener('auxclick', onClick, true);
    document.addEventListener('mouseover', onMarkWanted, true);
    document.addEventListener('focusin', onMarkWanted, true);
    observe();
    scan();
  }

  SS.inbox = { schedule };
  start();
})();
