// SellerShield's end-to-end harness: real Chromium with the built extension (dist/), fixture
// pages served under real host names from a local server, and a log of every request.
//
// Why it is built this way:
// - Pages are served under the names sellers see (message.alibaba.com), over HTTPS, with no
//   port in the URL: the engine judges hosts, schemes and ports, so a test page at
//   http://localhost:8080 would test something else than the product.
// - Every host name resolves to 127.0.0.1 (--host-resolver-rules "MAP * 127.0.0.1"): nothing
//   a test does can reach the internet, and a stray request lands on the fixture server, where
//   it is logged with its host and path instead of vanishing in a DNS failure.
// - The server logs EVERY request and Playwright reports every request of every page and of the
//   extension's service worker, so "the extension makes no request of its own" is checked from
//   both sides (see tests/e2e/no-network.test.mjs). Chromium itself still calls a few Google
//   services (update checks, account lookups) despite --disable-background-networking; those
//   land here too and show in server.stray(). Playwright's view starts when the browser is
//   launched, so a request the service worker makes in its first milliseconds is seen only by
//   the server.
//
// Serving modes (chosen by startServer, reported as server.mode):
//   'direct'  port 80 (HTTP) and 443 (HTTPS) on 127.0.0.1 — needs root and free ports.
//   'proxy'   when 80 or 443 is taken (another test run, a web server) or not allowed (not
//             root): one server on a free port is Chromium's --proxy-server; it answers
//             absolute-form HTTP requests and tunnels CONNECT (HTTPS) into a local TLS server.
//             URLs still carry no port. The caveat: requests then reach the server through a
//             proxy, so a test that inspects proxy-specific behaviour (none today) would differ.
// HTTPS uses a throwaway self-signed certificate (made with openssl per run) and Chromium runs
// with --ignore-certificate-errors; nothing about certificates is under test.
//
// API
//   import { startHarness, startServer, launchBrowser, ROOT, DIST, OUT } from './lib/harness.mjs';
//
//   const h = await startHarness({ name: 'my-test' });   // server + browser; h.close() ends both
//   h.server.serveDir('message.alibaba.com', dir)         // dir's files at https://message.alibaba.com/
//   h.server.serveFile(host, '/path', file)               // one file
//   h.server.serveText(host, '/path', body, type?)        // literal content (default text/html)
//   h.server.servePage(host, '/path', 'name.html')        // tests/fixtures/pages/name.html
//   h.server.serveFixtureHost(host)                       // tests/e2e/fixtures/<host>/ (also the
//                                                         // `hosts: [...]` option of startServer)
//   h.server.url(host, path = '/', scheme = 'https')      // the URL to open
//   h.server.requests                                     // [{method, scheme, host, path, status, fixture, via, time}]
//   h.server.stray()                                      // requests that hit no registered fixture
//   h.server.mode, h.server.close()
//
//   const page = await h.browser.open(url, { wait })      // new tab, goto, wait for SellerShield
//   await h.browser.waitForSellerShield(page, opts)       // opts: { messages: n } (default: 1) waits
//       // for html[data-sellershield-judged] >= n (n messages judged, their banners and marks
//       // drawn); { page: true } for html[data-sellershield-page]; { links: n } for n
//       // a[data-sellershield-verdict] and every message with a verdict drawn; { selector };
//       // { timeout } (ms, default 15000). Rejects with what the page did show.
//   await h.browser.marks(page)                           // what SellerShield drew, read through
//       // closed shadow roots via CDP: { links: [{href, text, verdict, mark}], messages: [{id,
//       // verdict, categories, banner}], banners: [...], guard, dialog (the stopped-click
//       // dialog), pageVerdict, judged }
//   await h.browser.screenshot(page, name, dir?)          // out/e2e/<name>.png (full page)
//   h.browser.extensionId                                 // chrome-extension://<id>/
//   await h.browser.serviceWorker.evaluate(fn, arg)       // in the live service worker (started
//       // first if Chromium stopped it; .raw is the Playwright Worker)
//   await h.browser.extensionPage('options.html')         // a tab on an extension page
//   h.browser.requests                                    // [{url, method, resourceType, from:
//       // 'page'|'service_worker', pageUrl, failure}] as Playwright saw them
//   h.browser.outsideRequests()                           // those not to a registered fixture host
//       // and not to the extension's own files (chrome-extension:, data:, blob:, about:)
//   h.browser.context                                     // Playwright BrowserContext (persistent)
//
// Environment: SELLERSHIELD_DIST (default dist/), SELLERSHIELD_HEADFUL=1 (show the window when a
// display exists), SELLERSHIELD_CHROMIUM (default /usr/bin/chromium), SELLERSHIELD_CHROMIUM_ARGS
// (more browser flags, space-separated, for diagnosis: e.g. --js-flags=--no-wasm-lazy-compilation).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';

import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const DIST = resolve(ROOT, process.env.SELLERSHIELD_DIST ?? 'dist');
export const OUT = join(ROOT, 'out');
export const CHROMIUM = process.env.SELLERSHIELD_CHROMIUM ?? '/usr/bin/chromium';
const FIXTURE_HOSTS_DIR = join(ROOT, 'tests', 'e2e', 'fixtures');
const SHARED_PAGES_DIR = join(ROOT, 'tests', 'fixtures', 'pages');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

// --- certificate ---------------------------------------------------------------------------

let certCache = null;

/** A throwaway self-signed certificate for any host (Chromium ignores certificate errors). */
function certificate() {
  if (certCache) return certCache;
  const dir = mkdtempSync(join(tmpdir(), 'sellershield-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=sellershield-e2e', '-addext', 'subjectAltName=DNS:*.test',
    ], { stdio: 'pipe' });
    certCache = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch (e) {
    throw new Error(`cannot make a test certificate with openssl (scripts/setup.sh installs it): ${e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return certCache;
}

// --- fixture server ------------------------------------------------------------------------

function listen(server, port) {
  return new Promise((resolvePromise, reject) => {
    const onError = (e) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

function closeServer(server) {
  return new Promise((r) => {
    if (!server.listening) return r();
    server.close(() => r());
    server.closeAllConnections?.();
  });
}

/** Strips the port and lowercases a Host header. */
function hostOf(hostHeader) {
  if (!hostHeader) return '';
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

export class FixtureServer {
  constructor() {
    /** host -> { files: Map<path, {file?, body?, type}>, dirs: [dir] } */
    this.routes = new Map();
    this.requests = [];
    this.mode = null;
    this.ports = {};
    this._servers = [];
    this._sockets = new Set();
  }

  _host(host) {
    const h = host.toLowerCase();
    if (!this.routes.has(h)) this.routes.set(h, { files: new Map(), dirs: [] });
    return this.routes.get(h);
  }

  /** The hosts this test registered fixtures for. */
  get hosts() {
    return [...this.routes.keys()];
  }

  serveDir(host, dir) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`serveDir: ${dir} is not a directory`);
    this._host(host).dirs.push(resolve(dir));
    return this;
  }

  serveFile(host, path, file) {
    if (!existsSync(file)) throw new Error(`serveFile: ${file} does not exist`);
    this._host(host).files.set(path, { file: resolve(file), type: TYPES[extname(file).toLowerCase()] });
    return this;
  }

  serveText(host, path, body, type = TYPES['.html']) {
    this._host(host).files.set(path, { body: Buffer.from(body), type });
    return this;
  }

  /** A shared page from tests/fixtures/pages/, under any host and path the test chooses. */
  servePage(host, path, name) {
    return this.serveFile(host, path, join(SHARED_PAGES_DIR, name));
  }

  /** tests/e2e/fixtures/<host>/ as the host's document root. */
  serveFixtureHost(host) {
    return this.serveDir(host, join(FIXTURE_HOSTS_DIR, host));
  }

  url(host, path = '/', scheme = 'https') {
    return `${scheme}://${host}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  /** Requests that did not get a registered fixture (wrong host, or a path with no file). */
  stray() {
    return this.requests.filter((r) => !r.fixture);
  }

  clearLog() {
    this.requests.length = 0;
  }

  /** Chromium switches that route every host name to this server. */
  chromiumArgs() {
    const args = ['--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost', '--ignore-certificate-errors'];
    if (this.mode === 'proxy') {
      args.push(`--proxy-server=http://127.0.0.1:${this.ports.proxy}`, '--proxy-bypass-list=<-loopback>');
    }
    return args;
  }

  /** Finds the fixture for host + path, or null. Never serves a file outside its directory. */
  _lookup(host, rawPath) {
    const route = this.routes.get(host);
    if (!route) return null;
    let path;
    try {
      path = decodeURIComponent(rawPath.split('?')[0].split('#')[0]);
    } catch {
      return null;
    }
    const exact = route.files.get(path);
    if (exact) return exact;
    for (const dir of route.dirs) {
      const candidates = [path];
      if (path.endsWith('/')) candidates.push(`${path}index.html`);
      else if (!extname(path)) candidates.push(`${path}/index.html`);
      for (const c of candidates) {
        const file = normalize(join(dir, c));
        if (file !== dir && !file.startsWith(dir + sep)) continue;
        if (existsSync(file) && statSync(file).isFile()) return { file, type: TYPES[extname(file).toLowerCase()] };
      }
    }
    return null;
  }

  _handle(req, res, { scheme, via, host: forcedHost }) {
    let host;
    let path;
    if (/^https?:\/\//i.test(req.url)) {
      // Absolute-form: Chromium talking to us as its HTTP proxy.
      const u = new URL(req.url);
      host = u.hostname.toLowerCase();
      path = u.pathname + u.search;
    } else {
      host = forcedHost ?? hostOf(req.headers.host);
      path = req.url;
    }
    const entry = { time: Date.now(), method: req.method, scheme, host, path, status: 0, fixture: false, via };
    this.requests.push(entry);
    const found = req.method === 'GET' || req.method === 'HEAD' ? this._lookup(host, path) : null;
    // Browsers ask every site for a favicon; answering "none" keeps that out of the stray list.
    if (!found && this.routes.has(host) && path === '/favicon.ico') {
      entry.status = 204;
      entry.fixture = true;
      res.writeHead(204).end();
      return;
    }
    if (!found) {
      entry.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no fixture for ${host}${path}\n`);
      return;
    }
    entry.status = 200;
    entry.fixture = true;
    const body = found.body ?? readFileSync(found.file);
    res.writeHead(200, {
      'content-type': found.type ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  _track(server) {
    server.on('connection', (s) => {
      this._sockets.add(s);
      s.on('close', () => this._sockets.delete(s));
    });
    this._servers.push(server);
    return server;
  }

  async start() {
    const tls = certificate();
    const plain = this._track(http.createServer((q, s) => this._handle(q, s, { scheme: 'http', via: 'direct' })));
    const secure = this._track(https.createServer(tls, (q, s) => this._handle(q, s, { scheme: 'https', via: 'direct' })));
    try {
      this.ports.http = await listen(plain, 80);
      this.ports.https = await listen(secure, 443);
      this.mode = 'direct';
      return this;
    } catch (e) {
      if (!['EADDRINUSE', 'EACCES'].includes(e.code)) throw e;
      await closeServer(plain);
      await closeServer(secure);
      this._servers = [];
    }
    // Proxy mode: CONNECT tunnels end in a TLS server on a free port, plain requests arrive in
    // absolute form at the proxy itself.
    const tunnelEnd = this._track(https.createServer(tls, (q, s) => this._handle(q, s, { scheme: 'https', via: 'proxy' })));
    const proxy = this._track(http.createServer((q, s) => this._handle(q, s, { scheme: 'http', via: 'proxy' })));
    proxy.on('connect', (req, client, head) => {
      const [host, port = '443'] = req.url.split(/:(?=\d+$)/);
      const h = host.toLowerCase();
      this.requests.push({ time: Date.now(), method: 'CONNECT', scheme: 'https', host: h, path: `:${port}`, status: 200, fixture: this.routes.has(h), via: 'proxy' });
      const upstream = net.connect(this.ports.tunnel, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head?.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this._sockets.add(upstream);
      upstream.on('close', () => this._sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    this.ports.tunnel = await listen(tunnelEnd, 0);
    this.ports.proxy = await listen(proxy, 0);
    this.mode = 'proxy';
    return this;
  }

  async close() {
    for (const s of this._sockets) s.destroy();
    await Promise.all(this._servers.map(closeServer));
    this._servers = [];
  }
}

/** Starts the fixture server; `hosts` are served from tests/e2e/fixtures/<host>/. */
export async function startServer({ hosts = [] } = {}) {
  const server = new FixtureServer();
  for (const h of hosts) server.serveFixtureHost(h);
  return server.start();
}

// --- browser -------------------------------------------------------------------------------

const LOCAL_SCHEMES = /^(chrome-extension|data|blob|about|chrome|devtools):/i;

/** Reads what SellerShield drew, through closed shadow roots (CDP DOM with pierce). */
async function readMarks(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const attrs = (n) => {
      const o = {};
      for (let i = 0; i + 1 < (n.attributes?.length ?? 0); i += 2) o[n.attributes[i]] = n.attributes[i + 1];
      return o;
    };
    // Text a person would see inside a node, shadow roots included (styles and scripts not).
    const textOf = (n) => {
      let out = '';
      const walk = (x) => {
        if (x.nodeType === 3) out += ` ${x.nodeValue} `;
        if (x.localName === 'style' || x.localName === 'script') return;
        for (const s of x.shadowRoots ?? []) walk(s);
        for (const c of x.children ?? []) walk(c);
      };
      walk(n);
      return out.replace(/\s+/g, ' ').trim();
    };
    // What a screen reader announces for a mark: the first aria-label inside it, else its text.
    const labelOf = (n) => {
      let label = null;
      const walk = (x) => {
        if (label) return;
        if (x.nodeType === 1 && attrs(x)['aria-label']) label = attrs(x)['aria-label'];
        for (const s of x.shadowRoots ?? []) walk(s);
        for (const c of x.children ?? []) walk(c);
      };
      walk(n);
      return label ?? textOf(n);
    };
    const links = [];
    const messages = [];
    const banners = [];
    let guard = null;
    let dialog = null;
    let html = null;
    const walk = (n, parent) => {
      if (n.nodeType === 1) {
        const a = attrs(n);
        if (n.localName === 'html' && !html) html = a;
        const siblings = parent?.children ?? [];
        const at = siblings.indexOf(n);
        if ('data-sellershield-verdict' in a) {
          if (n.localName === 'a') {
            const next = siblings[at + 1];
            const mark = next?.localName === 'sellershield-mark' ? labelOf(next) : null;
            links.push({ href: a.href ?? '', text: textOf(n), verdict: a['data-sellershield-verdict'], mark });
          } else {
            // The banner goes right before its message (or, in some layouts, inside it).
            const prev = siblings[at - 1];
            const inner = (n.children ?? []).find((c) => c.localName === 'sellershield-banner');
            const b = prev?.localName === 'sellershield-banner' ? prev : inner;
            messages.push({
              id: a.id || a['data-msg-id'] || null,
              verdict: a['data-sellershield-verdict'],
              dismissed: a['data-sellershield-dismissed'] === 'true',
              categories: b ? (attrs(b)['data-categories'] ?? '').split(/\s+/).filter(Boolean) : [],
              banner: b ? { verdict: attrs(b)['data-verdict'], label: attrs(b)['aria-label'] ?? null, text: textOf(b) } : null,
            });
          }
        }
        if (n.localName === 'sellershield-banner') {
          banners.push({ verdict: a['data-verdict'], categories: (a['data-categories'] ?? '').split(/\s+/).filter(Boolean), text: textOf(n) });
        }
        if (n.localName === 'sellershield-guard') guard = { verdict: a['data-verdict'], kind: a['data-kind'] ?? null, text: textOf(n) };
        if (n.localName === 'sellershield-dialog') dialog = { verdict: a['data-verdict'], text: textOf(n) };
      }
      // Page content never lives in SellerShield's shadow roots, so they are not walked here.
      for (const c of n.children ?? []) walk(c, n);
      if (n.contentDocument) walk(n.contentDocument, null);
    };
    walk(root, null);
    return {
      links,
      messages,
      banners,
      guard,
      dialog,
      pageVerdict: html?.['data-sellershield-page'] ?? null,
      judged: html?.['data-sellershield-judged'] != null ? Number(html['data-sellershield-judged']) : null,
    };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export class ExtensionBrowser {
  constructor(context, server, userDataDir, name) {
    this.context = context;
    this.server = server;
    this.name = name;
    this.requests = [];
    this._userDataDir = userDataDir;
    const record = (req, from) => {
      const entry = {
        url: req.url(),
        method: req.method(),
        resourceType: req.resourceType(),
        from,
        pageUrl: from === 'page' ? safe(() => req.frame().page().url()) : null,
        failure: null,
      };
      this.requests.push(entry);
      return entry;
    };
    const byRequest = new WeakMap();
    context.on('request', (req) => byRequest.set(req, record(req, req.serviceWorker() ? 'service_worker' : 'page')));
    context.on('requestfailed', (req) => {
      const e = byRequest.get(req);
      if (e) e.failure = req.failure()?.errorText ?? 'failed';
    });
  }

  async _init(dist) {
    let sw = this.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (!sw) {
      sw = await this.context
        .waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15000 })
        .catch(() => null);
    }
    if (!sw) {
      throw new Error(`the extension's service worker did not start: is ${dist} a built extension (scripts/build.sh)?`);
    }
    this._worker = sw;
    this.extensionId = new URL(sw.url()).host;
    // Chromium stops an idle MV3 service worker and starts a new one on the next event;
    // Playwright then reports a new Worker, and the old one never answers again.
    this.context.on('serviceworker', (w) => {
      if (w.url().startsWith(`chrome-extension://${this.extensionId}/`)) this._worker = w;
    });
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
    this._wakePage = manifest.options_ui?.page ?? manifest.options_page ?? manifest.action?.default_popup ?? null;
    return this;
  }

  /**
   * The extension's service worker: `evaluate(fn, arg)` runs in whichever worker is alive,
   * starting it first when Chromium has stopped it (evaluating in a stopped worker would hang
   * forever). `raw` is the Playwright Worker as last seen.
   */
  get serviceWorker() {
    return {
      url: () => this._worker.url(),
      raw: this._worker,
      evaluate: (fn, arg) => this._evaluateInWorker(fn, arg),
    };
  }

  async _evaluateInWorker(fn, arg) {
    if (!(await workerAnswers(this._worker, 1000))) await this._wakeWorker();
    let timer;
    try {
      return await Promise.race([
        this._worker.evaluate(fn, arg),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the service worker did not answer within 30 s')), 30000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts a stopped service worker: a message from an extension page wakes it. */
  async _wakeWorker() {
    if (!this._wakePage) throw new Error('the service worker is stopped and the extension has no page to wake it from');
    const page = await this.extensionPage(this._wakePage);
    try {
      // Any message starts the worker; an unknown type is answered with an error, which is fine.
      await page.evaluate(() => new Promise((r) => chrome.runtime.sendMessage({ type: 'sellershield-harness:wake' }, () => r(chrome.runtime.lastError))));
      // Playwright re-attaches to the restarted worker (the same Worker, or a new one that the
      // 'serviceworker' listener records); either way it answers again shortly.
      for (let i = 0; i < 20; i++) {
        if (await workerAnswers(this._worker, 500)) return;
      }
      throw new Error('the service worker did not start again after a message woke it');
    } finally {
      await page.close();
    }
  }

  /** Opens a new tab on `url` and (unless wait === false) waits for SellerShield. */
  async open(url, { wait = { messages: 1 }, timeout = 15000 } = {}) {
    const page = await this.context.newPage();
    await page.goto(url, { waitUntil: 'load', timeout });
    if (wait) await this.waitForSellerShield(page, { timeout, ...wait });
    return page;
  }

  /** Resolves when SellerShield has finished with the page (see the API at the top). */
  async waitForSellerShield(page, { messages, links, page: pageVerdict, selector, timeout = 15000 } = {}) {
    let what;
    let fn;
    if (selector) {
      what = selector;
      fn = (s) => !!document.querySelector(s);
    } else if (pageVerdict) {
      what = 'html[data-sellershield-page]';
      fn = () => document.documentElement.hasAttribute('data-sellershield-page');
    } else if (links) {
      // ... and every message that has a verdict drawn in full (judged counts a batch once its
      // banners and marks are drawn; those far from the view are drawn in idle time).
      what = `${links} a[data-sellershield-verdict], their messages drawn`;
      fn = (n) =>
        document.querySelectorAll('a[data-sellershield-verdict]').length >= n &&
        Number(document.documentElement.getAttribute('data-sellershield-judged') || 0) >= document.querySelectorAll('[data-sellershield-verdict]:not(a)').length;
    } else {
      const n = messages ?? 1;
      what = `html[data-sellershield-judged] >= ${n}`;
      fn = (k) => Number(document.documentElement.getAttribute('data-sellershield-judged') || 0) >= k;
    }
    const arg = selector ?? links ?? messages ?? 1;
    try {
      await page.waitForFunction(fn, arg, { timeout, polling: 50 });
    } catch (e) {
      const seen = await page
        .evaluate(() => ({
          url: location.href,
          html: [...document.documentElement.attributes].filter((a) => a.name.startsWith('data-sellershield')).map((a) => `${a.name}=${a.value}`),
          verdicts: document.querySelectorAll('[data-sellershield-verdict]').length,
        }))
        .catch(() => null);
      throw new Error(`SellerShield did not finish (${what}) within ${timeout} ms; the page showed: ${JSON.stringify(seen)}`);
    }
  }

  /** What SellerShield drew on the page (see the API at the top). */
  marks(page) {
    return readMarks(page);
  }

  /** A full-page screenshot at out/e2e/<name>.png (or `dir`); returns the path. */
  async screenshot(page, name, dir = join(OUT, 'e2e')) {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  }

  /** A tab on one of the extension's own pages. */
  async extensionPage(path) {
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.extensionId}/${path.replace(/^\//, '')}`);
    return page;
  }

  /** Requests Playwright saw that went anywhere but a registered fixture host or the extension. */
  outsideRequests() {
    const hosts = new Set(this.server?.hosts ?? []);
    return this.requests.filter((r) => {
      if (LOCAL_SCHEMES.test(r.url)) return false;
      let u;
      try {
        u = new URL(r.url);
      } catch {
        return true;
      }
      return !hosts.has(u.hostname.toLowerCase()) || u.port !== '';
    });
  }

  async close() {
    await this.context.close().catch(() => {});
    rmSync(this._userDataDir, { recursive: true, force: true });
  }
}

/** True when `worker` evaluates a trivial expression within `ms`. */
function workerAnswers(worker, ms) {
  let timer;
  return Promise.race([
    worker.evaluate(() => true).catch(() => false),
    new Promise((r) => {
      timer = setTimeout(() => r(false), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function safe(fn) {
  try {
    return fn();
  } catch {
    return null;
  }
}

/** Launches Chromium with dist/ loaded, every host name routed to `server`. */
export async function launchBrowser({ server, dist = DIST, headless, extraArgs = [], name = 'e2e', locale = 'en-US' } = {}) {
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`${dist}/manifest.json is missing: run scripts/build.sh first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup.sh first`);
  const showWindow = process.env.SELLERSHIELD_HEADFUL === '1' && !!process.env.DISPLAY;
  const userDataDir = mkdtempSync(join(tmpdir(), 'sellershield-profile-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-client-side-phishing-detection',
    '--disable-domain-reliability',
    '--no-pings',
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    ...(server ? server.chromiumArgs() : ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost']),
    ...extraArgs,
    ...(process.env.SELLERSHIELD_CHROMIUM_ARGS || '').split(' ').filter(Boolean),
  ];
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: headless ?? !showWindow,
      args,
      // Playwright disables extensions by default; this harness exists to load one.
      ignoreDefaultArgs: ['--disable-extensions'],
      locale,
      viewport: { width: 1280, height: 900 },
      timeout: 60000,
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const browser = new ExtensionBrowser(context, server, userDataDir, name);
  try {
    return await browser._init(dist);
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** Server and browser together; `close()` ends both. */
export async function startHarness({ hosts = [], name = 'e2e', ...browserOptions } = {}) {
  const server = await startServer({ hosts });
  let browser;
  try {
    browser = await launchBrowser({ server, name, ...browserOptions });
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

