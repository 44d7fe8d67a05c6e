// The credential guard: runs in every page and frame, and must cost next to nothing on the
// vast majority of pages, which ask for no password.
//
// At load it looks once for a password, one-time-code or card field (a selector and a short
// loop over inputs) and then only listens: a throttled MutationObserver and a focus listener
// notice fields added later. Only when such a field exists does it gather the page's facts
// (PageFacts of src/page.rs) and ask the engine. On `block` a full-page overlay in a closed
// shadow root covers the page and keeps typing out of its fields; until the verdict arrives,
// keystrokes into the page's fields are held back, so nothing can be typed into a fake login
// before it is judged.
//
// Password reuse (opt-in): characters typed into fields of pages outside the genuine
// platform domains are kept in a short rolling buffer here, cleared on idle, Enter and
// navigation; the only thing that leaves this script is the buffer, as the one question
// "is the end of this a protected password?" to the service worker. On a genuine login page
// the password is enrolled (fingerprinted by the engine) when the form is submitted.

(() => {
  const SS = globalThis.SellerShield;
  if (!SS || SS.guard) return;
  SS.guard = {};

  const t0 = performance.now();
  const CRED_SELECTOR =
    'input[type="password" i], input[autocomplete~="one-time-code" i], input[autocomplete~="current-password" i], input[autocomplete^="cc-number" i], input[autocomplete^="cc-csc" i]';
  // Names, ids and placeholders of one-time-code and card fields that do not declare it.
  const CRED_NAME = /(^|[^a-z])(otp|one.?time|passcode|pass.?code|verif\w*.?code|sms.?code|auth.?code|2fa|mfa|cvv|cvc|csc|card.?num\w*|cc.?num\w*|pin)([^a-z]|$)|验证码|动态码|密码|卡号/i;
  const TEXTLIKE = new Set(['', 'text', 'tel', 'number', 'password', 'email']);
  const MAX_FORMS = 20;
  const MAX_FIELDS = 60;
  const MAX_TEXT_SAMPLE = 2000;
  const HOLD_TIMEOUT_MS = 4000;
  const IDLE_CLEAR_MS = 10000;
  const BUFFER_MAX = 128;
  const REUSE_MIN = 8;
  const RECHECK_MS = 300;

  const state = {
    phase: 'idle', // idle -> pending -> allowed | blocked
    judgedUrl: '',
    observer: null,
    recheck: 0,
    holdTimer: 0,
    overlay: null,
    table: {},
    restore: null,
  };

  // --- is there a credential field? ------------------------------------------------------

  function isCredentialField(el) {
    if (!el || el.tagName !== 'INPUT') return false;
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (type === 'password') return true;
    const ac = (el.getAttribute('autocomplete') || '').toLowerCase();
    if (ac.includes('one-time-code') || ac.includes('current-password') || ac.startsWith('cc-number') || ac.startsWith('cc-csc')) return true;
    if (!TEXTLIKE.has(type)) return false;
    return CRED_NAME.test(`${el.name} ${el.id} ${el.getAttribute('placeholder') || ''} ${el.getAttribute('aria-label') || ''}`);
  }

  function findCredentialField() {
    const direct = document.querySelector(CRED_SELECTOR);
    if (direct) return direct;
    const inputs = document.getElementsByTagName('input');
    for (let i = 0; i < inputs.length && i < 200; i++) if (isCredentialField(inputs[i])) return inputs[i];
    return null;
  }

  function check() {
    state.recheck = 0;
    if (state.phase === 'pending' || state.phase === 'blocked') return;
    if (state.phase === 'allowed' && state.judgedUrl === location.href) return;
    if (findCredentialField()) judge();
  }

  function watchLaterFields() {
    if (state.observer || !document.documentElement) return;
    // The callback only sets a timer: the cost on a busy page is one closure call per batch.
    state.observer = new MutationObserver(() => {
      if (!state.recheck) state.recheck = setTimeout(check, RECHECK_MS);
    });
    state.observer.observe(document.documentElement, { childList: true, subtree: true });
  }

  let setupMs = 0;

  /**
   * The one look at the parsed page. Measures: guard-scan (this look), guard-total (this look
   * plus the set-up at document_start: the guard's whole cost on a page without credential
   * fields; the page's own parsing between the two is not counted).
   */
  function firstLook() {
    const start = performance.now();
    check();
    watchLaterFields();
    const end = performance.now();
    performance.measure('sellershield:guard-scan', { start, end });
    performance.measure('sellershield:guard-total', { start, duration: end - start + setupMs });
  }

  // --- the page's facts ------------------------------------------------------------------

  function clip(s, n) {
    s = (s || '').replace(/\s+/g, ' ').trim();
    return s.length > n ? s.slice(0, n) : s;
  }

  function visible(el) {
    if (!el.isConnected) return false;
    if (el.type === 'hidden') return false;
    const r = el.getClientRects();
    if (!r.length) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0.05;
  }

  function labelOf(el) {
    const aria = el.getAttribute('aria-label');
    if (aria) return clip(aria, 120);
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const text = by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.textContent).join(' ');
      if (text.trim()) return clip(text, 120);
    }
    if (el.labels && el.labels.length) return clip(el.labels[0].textContent, 120);
    return '';
  }

  function fieldFacts(el) {
    return {
      type: el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : el.tagName.toLowerCase(),
      name: clip(el.getAttribute('name'), 100),
      id: clip(el.id, 100),
      autocomplete: clip(el.getAttribute('autocomplete'), 100),
      placeholder: clip(el.getAttribute('placeholder'), 120),
      label: labelOf(el),
      visible: visible(el),
    };
  }

  function formFacts(form, fields) {
    let action = '';
    if (form && form.hasAttribute('action')) {
      // form.action resolves against the page; an input named "action" can shadow it.
      try {
        action = new URL(form.getAttribute('action'), document.baseURI).href;
      } catch {
        action = form.getAttribute('action');
      }
    }
    return { action, method: form ? (form.getAttribute('method') || 'get').toLowerCase() : '', fields: fields.slice(0, MAX_FIELDS).map(fieldFacts) };
  }

  function gatherFacts() {
    const forms = [];
    for (const f of Array.from(document.forms).slice(0, MAX_FORMS)) {
      const fields = Array.from(f.querySelectorAll('input, select, textarea')).filter((x) => x.type !== 'hidden' && x.type !== 'submit' && x.type !== 'button');
      if (fields.length) forms.push(formFacts(f, fields));
    }
    // Fields outside any form (script-driven logins) count as one form posting nowhere.
    const loose = Array.from(document.querySelectorAll('input, select, textarea')).filter((x) => !x.form && x.type !== 'hidden' && x.type !== 'submit' && x.type !== 'button');
    if (loose.length) forms.push(formFacts(null, loose));
    const headings = Array.from(document.querySelectorAll('h1, h2, h3')).slice(0, 20).map((h) => clip(h.textContent, 200)).filter(Boolean);
    const logos = [];
    for (const img of document.querySelectorAll('img, [role="img"]')) {
      if (logos.length >= 20) break;
      const src = img.getAttribute('src') || '';
      const file = src.split(/[?#]/)[0].split('/').pop() || '';
      const alt = img.getAttribute('alt') || img.getAttribute('aria-label') || '';
      const cls = `${img.className || ''} ${img.id || ''}`;
      if (/logo|brand/i.test(`${file} ${alt} ${cls}`) || img.closest('header, [class*="logo" i], [id*="logo" i]')) {
        if (alt.trim()) logos.push(clip(alt, 120));
        if (file) logos.push(clip(decodeURIComponent(file.replace(/%(?![0-9a-f]{2})/gi, '%25')), 120));
      }
    }
    const icon = document.querySelector('link[rel~="icon" i]');
    const frames = Array.from(document.querySelectorAll('iframe, frame')).slice(0, 20).map((f) => ({ src: f.src || '', visible: visible(f) }));
    const text = document.body ? clip(document.body.innerText, MAX_TEXT_SAMPLE) : '';
    return {
      url: location.href,
      title: clip(document.title, 300),
      topFrame: window === window.top,
      referrer: document.referrer || '',
      forms,
      headings,
      logos,
      favicon: icon ? icon.href : '',
      textSample: text,
      frames,
    };
  }

  // --- asking ----------------------------------------------------------------------------

  async function judge() {
    state.phase = 'pending';
    state.judgedUrl = location.href;
    // Fail open if the extension cannot answer: a broken guard must not break every login.
    clearTimeout(state.holdTimer);
    state.holdTimer = setTimeout(() => {
      if (state.phase === 'pending') state.phase = 'allowed';
    }, HOLD_TIMEOUT_MS);
    let res;
    try {
      res = await SS.send('page:check', { facts: gatherFacts() });
    } catch (e) {
      state.phase = 'allowed';
      return;
    }
    clearTimeout(state.holdTimer);
    if (res.strings) state.table = res.strings;
    const verdict = res.report && res.report.verdict;
    document.documentElement.setAttribute('data-sellershield-page', verdict || 'allow');
    if (verdict === 'block') {
      showGuard({ kind: 'page', report: res.report, platform: res.impersonates });
      return;
    }
    state.phase = 'allowed';
    if (verdict === 'warn') showWarning(res.report);
    if (res.enroll) watchEnrolment(res.ctx);
  }

  // --- holding keys while the verdict is pending, and behind the overlay ------------------

  function isField(t) {
    return !!t && t.nodeType === 1 && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  }

  function guardOwn(e) {
    return state.overlay && e.target === state.overlay;
  }

  function holdInput(e) {
    if (state.phase === 'blocked' && !guardOwn(e)) {
      e.preventDefault();
      e.stopImmediatePropagation();
      return true;
    }
    if (state.phase === 'pending' && isField(e.target)) {
      e.preventDefault();
      e.stopImmediatePropagation();
      return true;
    }
    return false;
  }

  function onFocusIn(e) {
    if (state.phase === 'blocked' && !guardOwn(e)) {
      if (e.target && e.target.blur) e.target.blur();
      return;
    }
    if (state.phase !== 'pending' && isCredentialField(e.target) && !(state.phase === 'allowed' && state.judgedUrl === location.href)) judge();
  }

  // --- the full-page guard ---------------------------------------------------------------

  const GUARD_CSS = `
    .wrap { position: fixed; inset: 0; z-index: 2147483647; background: rgba(60, 10, 8, .72); display: flex; align-items: center;
            justify-content: center; padding: 16px; overflow: auto; backdrop-filter: blur(3px); }
    .card { background: #fff; border-radius: 14px; max-width: 600px; width: 100%; box-shadow: 0 20px 60px rgba(0,0,0,.45); overflow: hidden; }
    .band { background: #c5221f; color: #fff; padding: 18px 24px; display: flex; gap: 14px; align-items: center; }
    .band h1 { font-size: 20px; line-height: 1.3; margin: 0; font-weight: 650; }
    .band .who { font-size: 12px; opacity: .9; margin-top: 2px; letter-spacing: .02em; }
    .content { padding: 18px 24px 8px; }
    .host { font: 600 16px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #fce8e6; color: #8c1d18;
            padding: 8px 12px; border-radius: 8px; word-break: break-all; margin: 6px 0 12px; }
    h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: #5f6368; margin: 14px 0 4px; }
    ul { margin: 0; padding-left: 20px; }
    li { margin: 3px 0; }
    .buttons { display: flex; gap: 10px; flex-wrap: wrap; padding: 14px 24px 20px; align-items: center; }
    .spacer { flex: 1; }
    details { padding: 0 24px 18px; color: #5f6368; font-size: 13px; }
    summary { cursor: pointer; }
    .local { font-size: 12px; color: #5f6368; padding: 0 24px 16px; }
  `;

  function freezePage() {
    const changed = [];
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    for (const f of document.querySelectorAll('input, textarea, select')) {
      if (!f.disabled) {
        f.disabled = true;
        changed.push(f);
      }
    }
    const body = document.body;
    const wasInert = body ? body.inert : false;
    if (body) body.inert = true;
    return () => {
      for (const f of changed) f.disabled = false;
      if (body) body.inert = wasInert;
    };
  }

  function genuineUrl(platform) {
    return platform && platform.domain ? `https://${platform.domain}/` : null;
  }

  function leave(platform) {
    const g = genuineUrl(platform);
    if (history.length > 1) history.back();
    else if (g) location.assign(g);
    else location.replace('about:blank');
  }

  function showGuard(opts) {
    state.phase = 'blocked';
    const tx = (k, p) => SS.t(state.table, k, p);
    if (state.overlay) state.overlay.remove();
    const { host, root } = SS.shadowHost('sellershield-guard', GUARD_CSS);
    host.setAttribute('data-verdict', 'block');
    host.setAttribute('data-kind', opts.kind);
    host.setAttribute('role', 'alertdialog');
    host.setAttribute('aria-modal', 'true');
    host.style.setProperty('display', 'block', 'important');
    const platform = opts.platform;
    const name = platform ? platform.name : null;
    const hostname = location.hostname || location.href;

    let title;
    let lines;
    let reasons = [];
    const buttons = [];
    if (opts.kind === 'reuse') {
      title = tx('guard_reuse_title', { platform: name });
      lines = [tx('guard_reuse_text', { platform: name, host: hostname })];
      const changed = SS.el('button', { type: 'button', class: 'primary', text: tx('guard_reuse_changed') });
      const mine = SS.el('button', { type: 'button', text: tx('guard_reuse_mine') });
      changed.addEventListener('click', () => SS.send('page:answer', { answer: 'changed', platform: platform.id }).then(unlock, unlock));
      mine.addEventListener('click', () => SS.send('page:answer', { answer: 'mine' }).then(unlock, unlock));
      buttons.push(changed, mine);
    } else {
      title = name ? tx('guard_title_platform', { platform: name }) : tx('guard_title');
      lines = [tx('guard_text')];
      reasons = (opts.report.reasons || []).filter((r) => r.severity !== 'info' || r.code === 'credential_form').slice(0, 5);
      const g = genuineUrl(platform);
      if (g) {
        const go = SS.el('button', { type: 'button', class: 'primary', text: tx('guard_go_genuine', { platform: name }) });
        go.addEventListener('click', () => location.assign(g));
        buttons.push(go);
      }
    }
    const leaveBtn = SS.el('button', { type: 'button', class: buttons.length ? '' : 'primary', text: tx('guard_leave') });
    leaveBtn.addEventListener('click', () => leave(platform));
    buttons.push(leaveBtn);

    const unlockBtn = SS.el('button', { type: 'button', class: 'link', text: tx('guard_unlock') });
    unlockBtn.addEventListener('click', unlock);

    const card = SS.el('div', { class: 'ss card', 'aria-labelledby': 'ss-gt' },
      SS.el('div', { class: 'band' }, SS.icon('alert', 34, '#c5221f'),
        SS.el('div', {}, SS.el('div', { class: 'who', text: 'SellerShield' }), SS.el('h1', { id: 'ss-gt', text: title }))),
      SS.el('div', { class: 'content' },
        SS.el('div', { text: tx('guard_you_are_on') }),
        SS.el('div', { class: 'host', text: hostname }),
        lines.map((l) => SS.el('p', { text: l })),
        reasons.length ? SS.el('h2', { text: tx('banner_why') }) : null,
        reasons.length ? SS.el('ul', {}, reasons.map((r) => SS.el('li', { text: SS.reasonText(state.table, r) }))) : null,
        SS.el('h2', { text: tx('banner_todo') }),
        SS.el('ul', {},
          SS.el('li', { text: tx('guard_advice_no_type') }),
          SS.el('li', { text: tx('guard_advice_changed', { platform: name || tx('advice_the_platform') }) }),
          SS.el('li', { text: tx('advice_keep') }))),
      SS.el('div', { class: 'buttons' }, ...buttons),
      SS.el('details', {}, SS.el('summary', { text: tx('guard_more') }), SS.el('p', { text: tx('guard_unlock_warning') }), unlockBtn),
      SS.el('div', { class: 'local', text: tx('guard_local') }));
    root.append(SS.el('div', { class: 'ss wrap' }, card));
    state.restore = freezePage();
    document.documentElement.append(host);
    state.overlay = host;
    buttons[0].focus();
  }

  function unlock() {
    if (state.overlay) state.overlay.remove();
    state.overlay = null;
    if (state.restore) state.restore();
    state.restore = null;
    state.phase = 'allowed';
    state.judgedUrl = location.href;
  }

  const WARN_CSS = `
    .bar { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483646; background: #fef7e0; border-bottom: 2px solid #b06000;
           color: #3c2a00; display: flex; gap: 12px; align-items: center; padding: 10px 16px; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
    .bar svg { color: #b06000; flex: none; }
    .msg { flex: 1; }
    .msg b { display: block; }
  `;

  function showWarning(report) {
    const tx = (k, p) => SS.t(state.table, k, p);
    const { host, root } = SS.shadowHost('sellershield-guard', WARN_CSS);
    host.setAttribute('data-verdict', 'warn');
    host.setAttribute('role', 'status');
    const first = (report.reasons || []).find((r) => r.severity !== 'info');
    const close = SS.el('button', { type: 'button', text: tx('warn_dismiss') });
    close.addEventListener('click', () => host.remove());
    root.append(SS.el('div', { class: 'ss bar' }, SS.icon('alert', 22),
      SS.el('div', { class: 'msg' }, SS.el('b', { text: tx('warn_title') }), first ? SS.reasonText(state.table, first) : tx('warn_text')), close));
    document.documentElement.append(host);
  }

  // --- password enrolment on a genuine login page (opt-in) -------------------------------

  function watchEnrolment(ctx) {
    if (SS.guard.enrolling) return;
    SS.guard.enrolling = true;
    let sent = '';
    const enrol = (scope) => {
      const pw = Array.from((scope || document).querySelectorAll('input[type="password" i]')).map((f) => f.value).find((v) => v && v.length >= REUSE_MIN);
      if (!pw || pw === sent) return;
      sent = pw;
      SS.send('page:enroll', { password: pw })
        .then((res) => {
          if (res.enrolled) toast(SS.t(state.table, 'enrolled_toast', { platform: res.platform ? res.platform.name : ctx.platformName }));
        })
        .catch(() => {});
    };
    document.addEventListener('submit', (e) => enrol(e.target), true);
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target && e.target.type === 'password') enrol(e.target.form);
    }, true);
    document.addEventListener('click', (e) => {
      const b = e.target && e.target.closest && e.target.closest('button, input[type="submit"], [role="button"]');
      if (b) enrol(b.form || null);
    }, true);
  }

  function toast(text) {
    const { host, root } = SS.shadowHost('sellershield-toast', `
      .t { position: fixed; bottom: 20px; right: 20px; z-index: 2147483647; background: #202124; color: #fff; padding: 10px 14px;
           border-radius: 8px; display: flex; gap: 10px; align-items: center; box-shadow: 0 4px 14px rgba(0,0,0,.3); max-width: 360px; }
      .t svg { color: #81c995; flex: none; }`);
    host.setAttribute('role', 'status');
    root.append(SS.el('div', { class: 'ss t' }, SS.icon('ok', 18), text));
    document.documentElement.append(host);
    setTimeout(() => host.remove(), 6000);
  }

  // --- password reuse: the rolling buffer -------------------------------------------------

  const reuse = { on: null, loading: false, stopped: false, buf: '', idle: 0, asking: false, again: false, bypass: false };

  function clearBuffer() {
    reuse.buf = '';
    clearTimeout(reuse.idle);
  }

  function loadFlag() {
    if (reuse.loading || reuse.on !== null) return;
    reuse.loading = true;
    // storage.local is read directly: asking the service worker would wake the engine on
    // every page where someone types.
    chrome.storage.local.get('reuseOn').then(
      (got) => {
        reuse.on = got.reuseOn === true;
        if (!reuse.on) clearBuffer();
        else ask();
      },
      () => {
        reuse.on = false;
        clearBuffer();
      },
    );
  }

  async function ask(snapshot) {
    const buffer = snapshot || reuse.buf;
    if (!reuse.on || reuse.stopped || buffer.length < REUSE_MIN) return null;
    if (reuse.asking && !snapshot) {
      reuse.again = true;
      return null;
    }
    reuse.asking = true;
    let res = null;
    try {
      res = await SS.send('page:typed', { buffer });
    } catch {
      res = null;
    }
    reuse.asking = false;
    if (res && res.stop) {
      reuse.stopped = true;
      clearBuffer();
      return null;
    }
    if (res && res.match) {
      clearBuffer();
      if (res.strings) state.table = res.strings;
      const field = document.activeElement;
      if (field && 'value' in field && field.type !== 'hidden') field.value = '';
      showGuard({ kind: 'reuse', platform: res.match });
      return res.match;
    }
    if (reuse.again) {
      reuse.again = false;
      ask();
    }
    return null;
  }

  function onKeyDown(e) {
    if (holdInput(e)) return;
    if (reuse.stopped || reuse.on === false || !e.isTrusted || !isField(e.target)) return;
    if (e.key === 'Enter') {
      reuse.lastEntered = reuse.buf;
      clearBuffer();
      return;
    }
    if (e.key === 'Backspace') reuse.buf = reuse.buf.slice(0, -1);
    else if (e.key && e.key.length <= 2 && !e.ctrlKey && !e.metaKey) reuse.buf = (reuse.buf + e.key).slice(-BUFFER_MAX);
    else return;
    clearTimeout(reuse.idle);
    reuse.idle = setTimeout(clearBuffer, IDLE_CLEAR_MS);
    if (reuse.on === null) loadFlag();
    else ask();
  }

  // A form submitted right after the last keystroke: hold it until the buffer is checked.
  function onSubmit(e) {
    if (state.phase === 'blocked') {
      e.preventDefault();
      e.stopImmediatePropagation();
      return;
    }
    const candidate = reuse.lastEntered || reuse.buf;
    reuse.lastEntered = '';
    if (reuse.bypass || !reuse.on || reuse.stopped || candidate.length < REUSE_MIN) return;
    const form = e.target;
    const submitter = e.submitter || null;
    e.preventDefault();
    e.stopImmediatePropagation();
    ask(candidate).then((match) => {
      if (match) return;
      reuse.bypass = true;
      try {
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      } finally {
        reuse.bypass = false;
      }
    });
  }

  // --- wiring ----------------------------------------------------------------------------

  addEventListener('keydown', onKeyDown, true);
  for (const type of ['keypress', 'beforeinput', 'paste', 'drop']) addEventListener(type, holdInput, true);
  addEventListener('focusin', onFocusIn, true);
  addEventListener('submit', onSubmit, true);
  addEventListener('pagehide', clearBuffer);

  setupMs = performance.now() - t0;
  performance.measure('sellershield:guard-setup', { start: t0, duration: setupMs });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', firstLook, { once: true });
  else firstLook();
})();
