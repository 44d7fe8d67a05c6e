// Runs inside the benchmark page (bench.html): the wasm package loaded directly, as the
// service worker loads it, so the engine's own costs are measured without messaging.
// Exposes `window.sellershieldBench`; run-bench.mjs calls it and reads the numbers. Each
// function returns raw samples in milliseconds; the driver takes medians.

import { Engine, initSync } from '/pkg/sellershield.js';
import * as inputs from './inputs.mjs';

let engine = null;
let wasmExports = null;

/**
 * Compile + instantiate + new Engine({}), from bytes already in memory (no fetch timed); then,
 * apart (lexiconMs, not in totalMs), the message lexicon the engine builds on the first
 * message need, as the worker has it built when an inbox page starts.
 */
async function start() {
  const bytes = await (await fetch('/pkg/sellershield_bg.wasm', { cache: 'no-store' })).arrayBuffer();
  const t0 = performance.now();
  // Chromium refuses synchronous compilation of large modules on the main thread, so compile
  // asynchronously, then instantiate with the glue's initSync.
  const module = await WebAssembly.compile(bytes);
  const t1 = performance.now();
  wasmExports = initSync({ module });
  const t2 = performance.now();
  engine = new Engine({});
  const t3 = performance.now();
  engine.prepareMessages();
  const t4 = performance.now();
  return { compileMs: t1 - t0, instantiateMs: t2 - t1, engineMs: t3 - t2, totalMs: t3 - t0, lexiconMs: t4 - t3 };
}

/**
 * `rounds` timings of one checkLinks call over `n` links, after one untimed call over the same
 * batch, whose time is returned apart (`first`): the budget is the steady cost per link, and
 * V8 is still compiling the hot functions with its optimising tier during the first calls
 * (with a 100-link warm-up, the first timed rounds ran 2-3x the rest).
 */
function checkLinks(n, rounds) {
  const batch = inputs.links(n);
  const t = performance.now();
  engine.checkLinks(batch);
  const first = performance.now() - t;
  const times = [];
  let verdicts = null;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const reports = engine.checkLinks(batch);
    times.push(performance.now() - t0);
    if (!verdicts) {
      verdicts = {};
      for (const rep of reports) verdicts[rep.verdict] = (verdicts[rep.verdict] ?? 0) + 1;
    }
  }
  return { first, times, verdicts };
}

/**
 * `rounds` timings of checkMessage per message of `bytes` bytes, each the mean over 20
 * different messages in a row (the page's clock has 0.1 ms steps, too coarse for one call),
 * after the same 20 once untimed (the first of them timed apart, `first`: cold code).
 */
function checkMessage(bytes, rounds) {
  const messages = Array.from({ length: 20 }, (_, i) => inputs.message(bytes, i));
  let t0 = performance.now();
  engine.checkMessage(messages[0]);
  const first = performance.now() - t0;
  for (const m of messages.slice(1)) engine.checkMessage(m);
  const times = [];
  let last = null;
  for (let r = 0; r < rounds; r++) {
    t0 = performance.now();
    for (const m of messages) last = engine.checkMessage(m);
    times.push((performance.now() - t0) / messages.length);
  }
  return { first, times, verdict: last.verdict, categories: last.categories, textBytes: new TextEncoder().encode(messages[0].text).length };
}

/**
 * `rounds` timings of checkMessage per message, each over `count` different messages of `bytes`
 * bytes in a row: the page's clock has 0.1 ms steps (no cross-origin isolation), too coarse for
 * one call of ~0.5 ms when two builds are compared (engine-ab.mjs).
 */
function checkMessageRun(bytes, count, rounds) {
  const messages = Array.from({ length: count }, (_, i) => inputs.message(bytes, i));
  for (let i = 0; i < 3; i++) engine.checkMessage(messages[i]);
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const m of messages) engine.checkMessage(m);
    times.push((performance.now() - t0) / count);
  }
  return { times };
}

/**
 * The engine's part of the inbox benchmark alone: `checkInbox` over the same 200 messages of
 * 600 bytes with 10 links each, as the inbox script sends them (JSON text, the page's platform
 * beside it). The first call is timed apart
 * (a fresh engine's code has not tiered up yet), then `rounds` more.
 */
function checkInbox(rounds, messages = 200, perMessage = 10) {
  const batch = inputs.inboxBatch(messages, perMessage);
  const request = JSON.stringify(batch);
  let t0 = performance.now();
  engine.checkInbox(request, 'alibaba');
  const first = performance.now() - t0;
  const times = [];
  for (let r = 0; r < rounds; r++) {
    t0 = performance.now();
    engine.checkInbox(request, 'alibaba');
    times.push(performance.now() - t0);
  }
  return { first, times };
}

/** The wasm linear memory, in bytes, after the work above. */
function memory() {
  return wasmExports?.memory?.buffer?.byteLength ?? null;
}

window.sellershieldBench = { start, checkLinks, checkMessage, checkMessageRun, checkInbox, memory };
document.getElementById('status').textContent = 'ready';
