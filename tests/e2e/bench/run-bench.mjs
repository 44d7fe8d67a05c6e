// The in-browser benchmark (scripts/bench.sh): real Chromium, the built package and extension,
// the numbers the budgets in /work/shared/DESIGN.md are about. Prints a table and writes
// out/bench/browser.json. It reports; it never fails on a number (timings vary with the
// machine, and a benchmark that fails builds teaches people to ignore it).
//
//   checkLinks         10,000 links in one call, median of 7 after one untimed call (timed apart), per link (pkg in a page)
//   checkMessage       10 KB messages, median of 21 runs of 20 after one untimed run (its first timed apart) (pkg in a page)
//   engine start       compile + instantiate + new Engine({}), 5 fresh pages (pkg in a page);
//                      then, apart, the message lexicon the engine builds on first message need
//   engine start (sw)  the extension's service worker, as it reports it (ui:stats), 3 fresh
//                      browsers: judged as DESIGN.md's budget reads, instantiate + new Engine
//                      (median of their per-start sums); fetch+compileStreaming (one step) shown
//                      apart; then, apart, the lexicon build an inbox page's start
//                      asks for (prepareMessages); worker start -> engine.js evaluated (the browser's own
//                      start of the worker), worker start -> first engine ready (what a woken
//                      worker's first question waits for; the settings read overlaps the wasm)
//   content script     a page with no inbox and no password field: the guard's own measure of
//                      its first look (sellershield:guard-scan), 5 loads; whether the engine
//                      was asked (no verdict attribute, no inbox measure means it was not)
//   inbox end to end   200 messages with 2,000 links on message.alibaba.com, 3 loads: the inbox
//                      script's measure, which ends when every message and link has its verdict
//                      (gather, ask, draw; the ask split into messaging, the worker's own work
//                      and the engine), the banners and marks it drew right after, first look
//                      -> every banner and mark drawn, and page start -> all judged and drawn
//   memory             the wasm linear memory after the page benchmarks
//
// Usage: node tests/e2e/bench/run-bench.mjs           (after scripts/build.sh)
//        node tests/e2e/bench/run-bench.mjs inbox     only the inbox, into out/bench/inbox.json
// SELLERSHIELD_BENCH_INBOX_LOADS=n loads the inbox n times instead of 3.

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

import { CHROMIUM, DIST, OUT, ROOT, launchBrowser, startServer } from '../lib/harness.mjs';
import * as inputs from './inputs.mjs';
import { median } from './stats.mjs';

const BENCH_HOST = 'bench.sellershield.test';
const PLAIN_HOST = 'www.example.org';
const INBOX_HOST = 'message.alibaba.com';
const INBOX_MESSAGES = 200;
const LINKS_PER_MESSAGE = 10;
const INBOX_LOADS = Number(process.env.SELLERSHIELD_BENCH_INBOX_LOADS) || 3;
/**
 * The inbox script's measures (sellershield:inbox-<part>): gather, ask and draw add up to the
 * batch; the ask splits into send (the request's way to the worker), worker-pre (the worker
 * before the engine: waiting for it), engine (the batch's text into wasm, judged, the answer's
 * text out), worker-post (the dismissed list, hashes only when something was dismissed, the
 * badge) and reply (the answer's way back); draw reads the answer, puts a verdict
 * on every message and link and draws the banners and marks of messages near the view;
 * later-draw is what was drawn in tasks right after the batch (the other banners and marks).
 */
const INBOX_PARTS = ['gather', 'ask', 'send', 'worker-pre', 'engine', 'worker-post', 'reply', 'draw', 'later-draw'];

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** A long article with many links and no form: what most of the web looks like. */
function plainPage() {
  const parts = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shipping rates in 2025</title></head><body><main><article>'];
  parts.push('<h1>Container shipping rates: what sellers should expect</h1>');
  for (let i = 0; i < 150; i++) {
    parts.push(`<p>Paragraph ${i}: freight rates between Asia and Europe moved again this quarter, and sellers who
      quote CIF should check their forwarder's surcharges. <a href="https://www.example.org/news/${i}">Read more</a>
      or see <a href="https://www.${i % 2 ? 'maersk' : 'msc'}.com/rates?lane=${i}">current rates</a>.</p>`);
  }
  parts.push('</article></main></body></html>');
  return parts.join('\n');
}

/** The demo inbox's markup with 200 messages and 10 links each. */
function bigInbox() {
  const ls = inputs.links(INBOX_MESSAGES * LINKS_PER_MESSAGE);
  const parts = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Message Center - Alibaba.com</title></head><body>'];
  parts.push('<main><section class="msg-list">');
  for (let m = 0; m < INBOX_MESSAGES; m++) {
    const msg = inputs.message(600, m);
    const anchors = ls
      .slice(m * LINKS_PER_MESSAGE, (m + 1) * LINKS_PER_MESSAGE)
      .map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a>`)
      .join(' · ');
    parts.push(`<article class="message-item-wrapper" data-msg-id="${m}">
      <div class="message-head"><span class="sender-name">Buyer ${m}</span><time class="msg-time">Nov ${1 + (m % 28)}</time></div>
      <div class="message-text"><p>${escapeHtml(msg.text)}</p><p>${anchors}</p></div></article>`);
  }
  parts.push('</section></main></body></html>');
  return parts.join('\n');
}

function serve(server) {
  const dir = join(ROOT, 'tests', 'e2e', 'bench');
  for (const f of ['bench.html', 'bench-page.mjs', 'inputs.mjs']) server.serveFile(BENCH_HOST, `/bench/${f}`, join(dir, f));
  for (const f of ['sellershield.js', 'sellershield_bg.wasm']) server.serveFile(BENCH_HOST, `/pkg/${f}`, join(DIST, 'pkg', f));
  server.serveText(PLAIN_HOST, '/article.html', plainPage());
  server.serveText(INBOX_HOST, '/message/bench.htm', bigInbox());
}

async function pkgBenchmarks(b, server) {
  const url = server.url(BENCH_HOST, '/bench/bench.html');
  const starts = [];
  let page = null;
  for (let i = 0; i < 5; i++) {
    if (page) await page.close();
    page = await b.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.sellershieldBench, null, { timeout: 15000 });
    starts.push(await page.evaluate(() => window.sellershieldBench.start()));
  }
  const links = await page.evaluate(() => window.sellershieldBench.checkLinks(10000, 7));
  const message = await page.evaluate(() => window.sellershieldBench.checkMessage(10240, 21));
  const memory = await page.evaluate(() => window.sellershieldBench.memory());
  await page.close();
  return { starts, links, message, memory };
}

async function contentScriptCost(b, server) {
  const samples = [];
  let engineAsked = false;
  for (let i = 0; i < 5; i++) {
    const page = await b.context.newPage();
    await page.goto(server.url(PLAIN_HOST, '/article.html'));
    // The guard measures its first look once the document is parsed.
    const got = await page
      .waitForFunction(() => performance.getEntriesByName('sellershield:guard-total').length > 0, null, { timeout: 10000 })
      .then(() => true, () => false);
    const r = await page.evaluate(() => ({
      total: performance.getEntriesByName('sellershield:guard-total')[0]?.duration ?? null,
      scan: performance.getEntriesByName('sellershield:guard-scan')[0]?.duration ?? null,
      inbox: performance.getEntriesByName('sellershield:inbox').length,
      attrs: [...document.documentElement.attributes].map((a) => a.name).filter((n) => n.startsWith('data-sellershield')),
    }));
    if (!got) r.missing = true;
    if (r.inbox || r.attrs.length) engineAsked = true;
    samples.push(r);
    await page.close();
  }
  return { samples, engineAsked };
}

async function inboxEndToEnd(b, server) {
  const samples = [];
  for (let i = 0; i < INBOX_LOADS; i++) {
    const page = await b.context.newPage();
    // Notes, from the page's own clock, the start of the first frame after every message and
    // link has its verdict (the end of the inbox script's measure; its style, layout and paint
    // follow: the frame's end cannot be told apart from the task that draws the rest right
    // after it), and the moment every message is judged with its banners and marks drawn
    // (data-sellershield-judged counts a batch once it is drawn).
    await page.addInitScript(([n, links]) => {
      // Mutation records come at the end of the task that set the verdicts (a performance
      // observer's entries may come frames later).
      new MutationObserver((_, obs) => {
        if (document.querySelectorAll('[data-sellershield-verdict]').length < n + links) return;
        requestAnimationFrame(() => (window.__sellershieldRenderedAt = performance.now()));
        obs.disconnect();
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-sellershield-verdict'] });
      new MutationObserver((_, obs) => {
        if (Number(document.documentElement.getAttribute('data-sellershield-judged') || 0) >= n) {
          window.__sellershieldAllJudgedAt = performance.now();
          obs.disconnect();
        }
        // documentElement does not exist yet when init scripts run; the document does.
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-sellershield-judged'] });
    }, [INBOX_MESSAGES, INBOX_MESSAGES * LINKS_PER_MESSAGE]);
    await page.goto(server.url(INBOX_HOST, '/message/bench.htm'));
    const done = await b.waitForSellerShield(page, { messages: INBOX_MESSAGES, timeout: 30000 }).then(() => true, (e) => e.message);
    // The banners and marks past the first few are drawn in tasks right after the batch: wait
    // until that stops.
    for (let last = -1, n = 0; n !== last; ) {
      last = n;
      await page.waitForTimeout(300);
      n = await page.evaluate(() => performance.getEntriesByName('sellershield:inbox-later-draw').length);
    }
    const r = await page.evaluate((INBOX_PARTS) => {
      const nav = performance.getEntriesByType('navigation')[0];
      const batches = performance.getEntriesByName('sellershield:inbox').map((e) => e.duration);
      // Where a batch's time goes: reading the DOM, asking the service worker (the engine and
      // the messaging both ways), the engine alone, drawing.
      const sum = (name) => performance.getEntriesByName(`sellershield:inbox-${name}`).reduce((a, e) => a + e.duration, 0);
      return {
        batches,
        parts: Object.fromEntries(INBOX_PARTS.map((p) => [p, sum(p)])),
        inboxMs: batches.reduce((a, x) => a + x, 0),
        allJudgedMs: window.__sellershieldAllJudgedAt ?? null,
        // From the inbox script's first look to the end of its first drawing (the top of the
        // inbox, when a scan is answered in parts).
        firstDrawnMs: (() => {
          const draws = performance.getEntriesByName('sellershield:inbox-draw');
          const starts = performance.getEntriesByName('sellershield:inbox').map((e) => e.startTime);
          return draws.length && starts.length ? Math.min(...draws.map((e) => e.startTime + e.duration)) - Math.min(...starts) : null;
        })(),
        // From the inbox script's first look to the end of its last drawing (banners and marks
        // drawn after the batch included).
        drawnMs: (() => {
          const all = ['sellershield:inbox', 'sellershield:inbox-later-draw'].flatMap((n) => performance.getEntriesByName(n));
          return all.length ? Math.max(...all.map((e) => e.startTime + e.duration)) - Math.min(...all.map((e) => e.startTime)) : null;
        })(),
        // From the inbox script's first look to the first frame showing every verdict.
        renderedMs: window.__sellershieldRenderedAt == null ? null : window.__sellershieldRenderedAt - Math.min(...performance.getEntriesByName('sellershield:inbox').map((e) => e.startTime)),
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
        links: document.querySelectorAll('a[data-sellershield-verdict]').length,
        marks: document.querySelectorAll('sellershield-mark').length,
        banners: document.querySelectorAll('sellershield-banner').length,
      };
    }, INBOX_PARTS);
    r.done = done;
    samples.push(r);
    await page.close();
  }
  return samples;
}

async function serviceWorkerStart(server) {
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const b = await launchBrowser({ server, name: 'bench-sw' });
    try {
      const page = await b.extensionPage('popup.html');
      samples.push(await page.evaluate(() => new Promise((resolve) => chrome.runtime.sendMessage({ type: 'ui:stats', prepareMessages: true }, resolve))));
    } catch (e) {
      samples.push({ error: e.message });
    } finally {
      await b.close();
    }
  }
  return samples;
}

function fmt(x, unit, digits = 2) {
  return x == null ? 'n/a' : `${x.toFixed(digits)} ${unit}`;
}

function inboxSummary(inbox) {
  return {
    messages: INBOX_MESSAGES,
    links: INBOX_MESSAGES * LINKS_PER_MESSAGE,
    medianInboxScriptMs: median(inbox.map((s) => (s.done === true ? s.inboxMs : null))),
    medianAllJudgedMs: median(inbox.map((s) => s.allJudgedMs)),
    // What the extension adds to the engine's own time (the engine's time varies most with the
    // machine's load, and is other work's to shrink).
    medianBesideEngineMs: median(inbox.map((s) => (s.done === true ? s.inboxMs - s.parts.engine : null))),
    medianFirstDrawnMs: median(inbox.map((s) => (s.done === true ? s.firstDrawnMs : null))),
    medianDrawnMs: median(inbox.map((s) => (s.done === true ? s.drawnMs : null))),
    medianRenderedMs: median(inbox.map((s) => (s.done === true ? s.renderedMs : null))),
    medianPartsMs: Object.fromEntries(INBOX_PARTS.map((k) => [k, median(inbox.map((s) => (s.done === true ? s.parts[k] : null)))])),
    samples: inbox,
  };
}

function inboxRows(inbox) {
  const p = inbox.medianPartsMs;
  const ms = (x) => (x == null ? 'n/a' : x.toFixed(1));
  return [
    // The inbox script's measure: gather -> ask -> every message and link has its verdict.
    ['200-message inbox (2,000 links): every verdict set', fmt(inbox.medianInboxScriptMs, 'ms', 1), '≤ 50 ms', inbox.medianInboxScriptMs, 50],
    ['200-message inbox: every banner and mark drawn', fmt(inbox.medianDrawnMs, 'ms', 1), '≤ 50 ms', inbox.medianDrawnMs, 50],
    ['  (gather / ask [engine] / draw)', `${ms(p.gather)} / ${ms(p.ask)} [${ms(p.engine)}] / ${ms(p.draw)} ms`, '(context)', null, null],
    ['  (ask: send / worker / engine / worker / reply)', `${[p.send, p['worker-pre'], p.engine, p['worker-post'], p.reply].map(ms).join(' / ')} ms`, '(context)', null, null],
    ['  (the script minus the engine: all but the engine)', fmt(inbox.medianBesideEngineMs, 'ms', 1), '(context)', null, null],
    ['  (drawn in a task after the verdicts\' frame)', fmt(p['later-draw'], 'ms', 1), '(context)', null, null],
    ['  (first look -> first answer drawn)', fmt(inbox.medianFirstDrawnMs, 'ms', 1), '(context)', null, null],
    ['  (first look -> first frame with every verdict starts)', fmt(inbox.medianRenderedMs, 'ms', 1), '(context)', null, null],
    ['200-message inbox: page start -> all judged and drawn', fmt(inbox.medianAllJudgedMs, 'ms', 1), '(context)', null, null],
  ];
}

function printRows(title, rows) {
  console.log(`\n${title}`);
  console.log(`  ${'what'.padEnd(52)} ${'result'.padEnd(30)} ${'budget'.padEnd(17)}`);
  for (const [what, res, budget, value, limit] of rows) {
    const verdict = value == null || limit == null ? '' : value <= limit ? 'ok' : 'OVER';
    console.log(`  ${what.padEnd(52)} ${res.padEnd(30)} ${budget.padEnd(17)} ${verdict}`);
  }
}

/** `run-bench.mjs inbox`: only the inbox end to end, into out/bench/inbox.json (for iterating). */
async function inboxOnly() {
  const server = await startServer();
  serve(server);
  const b = await launchBrowser({ server, name: 'bench' });
  let inbox;
  try {
    inbox = inboxSummary(await inboxEndToEnd(b, server));
  } finally {
    await b.close();
    await server.close();
  }
  mkdirSync(join(OUT, 'bench'), { recursive: true });
  writeFileSync(join(OUT, 'bench', 'inbox.json'), `${JSON.stringify(inbox, null, 2)}\n`);
  printRows(`Inbox benchmark, ${INBOX_LOADS} loads`, inboxRows(inbox));
  console.log('written: out/bench/inbox.json');
}

async function main() {
  if (process.argv[2] === 'inbox') return inboxOnly();
  const server = await startServer();
  serve(server);
  const b = await launchBrowser({ server, name: 'bench' });
  let pkg;
  let content;
  let inbox;
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Only for the report.
  }
  try {
    pkg = await pkgBenchmarks(b, server);
    content = await contentScriptCost(b, server);
    inbox = await inboxEndToEnd(b, server);
  } finally {
    await b.close();
  }
  const sw = await serviceWorkerStart(server);
  await server.close();

  const wasm = readFileSync(join(DIST, 'pkg', 'sellershield_bg.wasm'));
  const linkMs = median(pkg.links.times);
  const result = {
    date: new Date().toISOString(),
    chromium: chromiumVersion,
    wasmBytes: statSync(join(DIST, 'pkg', 'sellershield_bg.wasm')).size,
    wasmGzipBytes: gzipSync(wasm, { level: 9 }).length,
    checkLinks: { links: 10000, medianMs: linkMs, usPerLink: linkMs == null ? null : (linkMs * 1000) / 10000, firstUsPerLink: (pkg.links.first * 1000) / 10000, timesMs: pkg.links.times, verdicts: pkg.links.verdicts },
    checkMessage: { bytes: pkg.message.textBytes, medianMs: median(pkg.message.times), firstMs: pkg.message.first, timesMs: pkg.message.times, verdict: pkg.message.verdict, categories: pkg.message.categories },
    engineStartPage: { medianMs: median(pkg.starts.map((s) => s.totalMs)), medianLexiconMs: median(pkg.starts.map((s) => s.lexiconMs)), samples: pkg.starts },
    engineStartServiceWorker: {
      medianWasmMs: median(sw.map((s) => s.wasmMs)),
      medianCompileMs: median(sw.map((s) => s.compileMs)),
      medianInstantiateMs: median(sw.map((s) => s.instantiateMs)),
      medianEngineMs: median(sw.map((s) => s.startMs)),
      // The budget's measure (DESIGN.md: "instantiate + config"): what a woken worker with
      // its module compiled spends before it can answer.
      medianInstantiateAndEngineMs: median(sw.map((s) => s.instantiateMs + s.startMs)),
      // The message lexicon, built on the first message need (an inbox page's start), not at
      // engine start: what the first message of an inbox waits for unless it was built ahead.
      medianLexiconMs: median(sw.map((s) => s.lexiconMs)),
      // Worker start -> engine.js evaluated (the fetch of the module starts there).
      medianWasmStartAtMs: median(sw.map((s) => s.wasmStartAtMs)),
      // From the worker's own start (its time origin) to its first engine: everything a woken
      // worker makes the first question wait for, the wasm overlapping the settings read.
      medianFirstReadyAtMs: median(sw.map((s) => s.firstReadyAtMs)),
      samples: sw,
    },
    contentScriptPlainPage: {
      medianScanMs: median(content.samples.map((s) => s.scan)),
      medianSinceInjectionMs: median(content.samples.map((s) => s.total)),
      engineAsked: content.engineAsked,
      samples: content.samples,
    },
    inbox200: inboxSummary(inbox),
    wasmMemoryBytes: pkg.memory,
  };

  mkdirSync(join(OUT, 'bench'), { recursive: true });
  writeFileSync(join(OUT, 'bench', 'browser.json'), `${JSON.stringify(result, null, 2)}\n`);

  const swMs = result.engineStartServiceWorker;
  const rows = [
    ['checkLinks, 10,000 links (median of 7, warm)', fmt(result.checkLinks.usPerLink, 'µs/link'), '≤ 5 µs/link', result.checkLinks.usPerLink, 5],
    ['  (the first call, cold code, per link)', fmt(result.checkLinks.firstUsPerLink, 'µs/link'), '(context)', null, null],
    ['checkMessage, 10 KB (median of 21 runs of 20, warm)', fmt(result.checkMessage.medianMs, 'ms', 3), '≤ 0.5 ms', result.checkMessage.medianMs, 0.5],
    ['  (the first message, cold code)', fmt(result.checkMessage.firstMs, 'ms', 3), '(context)', null, null],
    ['engine start in a page (compile+init+new)', fmt(result.engineStartPage.medianMs, 'ms', 1), '≤ 30 ms', result.engineStartPage.medianMs, 30],
    ['  (then lexicon built on first message need)', fmt(result.engineStartPage.medianLexiconMs, 'ms', 1), '(context)', null, null],
    [
      'engine start in the service worker (instantiate + new Engine)',
      fmt(swMs.medianInstantiateAndEngineMs, 'ms', 1),
      '≤ 30 ms',
      swMs.medianInstantiateAndEngineMs,
      30,
    ],
    ['  (instantiate / new Engine)', `${fmt(swMs.medianInstantiateMs, 'ms', 1)} / ${fmt(swMs.medianEngineMs, 'ms', 1)}`, '(context)', null, null],
    ['  (before it: fetch + compile of the module)', fmt(swMs.medianCompileMs, 'ms', 1), '(context)', null, null],
    ['  (lexicon built on first message need)', fmt(swMs.medianLexiconMs, 'ms', 1), '(context)', null, null],
    ['  (worker start -> engine.js runs, fetch starts)', fmt(swMs.medianWasmStartAtMs, 'ms', 1), '(context)', null, null],
    ['  (worker start -> first engine ready)', fmt(swMs.medianFirstReadyAtMs, 'ms', 1), '(context)', null, null],
    [
      `content script, no inbox/password${content.engineAsked ? ' (engine ASKED)' : ' (engine not asked)'}`,
      fmt(result.contentScriptPlainPage.medianScanMs, 'ms', 2),
      '≤ 1 ms',
      result.contentScriptPlainPage.medianScanMs,
      1,
    ],
    ['  (document_start -> first look, incl. parsing)', fmt(result.contentScriptPlainPage.medianSinceInjectionMs, 'ms', 1), '(context)', null, null],
    ...inboxRows(result.inbox200),
    ['wasm linear memory', fmt(result.wasmMemoryBytes / 1048576, 'MiB', 1), '≤ 16 MiB', result.wasmMemoryBytes / 1048576, 16],
    ['wasm size raw / gzip -9', `${(result.wasmBytes / 1024).toFixed(0)} / ${(result.wasmGzipBytes / 1024).toFixed(0)} KiB`, '≤ 1024 / 400 KiB', Math.max(result.wasmBytes / 1048576, result.wasmGzipBytes / 409600), 1],
  ];
  printRows(`In-browser benchmark (${chromiumVersion}, headless)`, rows);
  console.log(`\nverdicts over the 10,000 links: ${JSON.stringify(result.checkLinks.verdicts)}`);
  console.log('written: out/bench/browser.json');
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
