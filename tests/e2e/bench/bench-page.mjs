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

/** `rounds` timings of one checkLinks call over `n` links. */
function checkLinks(n, rounds) {
  const batch = inputs.links(n);
  engine.checkLinks(batch.slice(0, 100)); // warm-up: first calls tier up the code
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
  return { times, verdicts };
}

/** `rounds` timings of checkMessage on a message of `bytes` bytes (a different one each time). */
function checkMessage(bytes, rounds) {
  const messages = Array.from({ length: rounds + 3 }, (_, i) => inputs.message(bytes, i));
  for (let i = 0; i < 3; i++) engine.checkMessage(messages[i]);
  const times = [];
  let last = null;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    last = engine.checkMessage(messages[r + 3]);
    times.push(performance.now() - t0);
  }
  return { times, verdict: last.verdict, categories: last.categories, textBytes: new TextEncoder().encode(messages[3].text).length };
}

/**
 * The engine's part of the inbox benchmark alone: `checkInbox` over the same 200 messages of
 * 600 bytes with 10 links each, as the inbox script sends them. The first call is timed apart
 * (a fresh engine's code has not tiered up yet), then `rounds` more.
 */
function checkInbox(rounds, messages = 200, perMessage = 10) {
  const ls = inputs.links(messages * perMessage);
  const batch = Array.from({ length: messages }, (_, m) => ({
    text: inputs.message(600, m).text,
    links: ls.slice(m * perMessage, (m + 1) * perMessage).map((l) => ({ href: l.url, text: l.text })),
    sender: { name: `Buyer ${m}` },
  }));
  let t0 = performance.now();
  engine.checkInbox(batch);
  const first = performance.now() - t0;
  const times = [];
  for (let r = 0; r < rounds; r++) {
    t0 = performance.now();
    engine.checkInbox(batch);
    times.push(performance.now() - t0);
  }
  return { first, times };
}

/** The wasm linear memory, in bytes, after the work above. */
function memory() {
  return wasmExports?.memory?.buffer?.byteLength ?? null;
}

window.sellershieldBench = { start, checkLinks, checkMessage, checkInbox, memory };
document.getElementById('status').textContent = 'ready';
